#pragma once
// Reading typed fields out of JSON with errors that name the JSON path and the fix.
// Shared by the zoo and instance readers; internal (not installed).
#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>

#include "model/quantity.hpp"

namespace cnnplace::json_fields {

using nlohmann::json;

// "where/key" in JSON-pointer style, e.g. "/cnns/0/layers/2/memory".
std::string path(const std::string& where, const std::string& key);
std::string path(const std::string& where, std::size_t index);
// "file: /pointer" for an error's where(); the file alone for the document's root (""),
// the pointer alone when the text has no file name.
std::string in_file(const std::string& origin, const std::string& pointer);

const json& require(const json& obj, const std::string& key, const std::string& where);
void require_object(const json& value, const std::string& where);
void require_array(const json& value, const std::string& where);

// A quantity given as a number (base units) or a string with units ("512 KB").
double quantity(const json& value, QuantityKind kind, const std::string& where);
double quantity(const json& obj, const std::string& key, QuantityKind kind,
                const std::string& where, std::optional<double> fallback = std::nullopt);
std::string string(const json& obj, const std::string& key, const std::string& where,
                   std::optional<std::string> fallback = std::nullopt);
int integer_or_unlimited(const json& obj, const std::string& key, const std::string& where,
                         int fallback);

// Rejects keys of `obj` that are not in `allowed` (a misspelt "memmory" would otherwise be
// ignored silently and the default used). "about" is always allowed: free text for people.
void allow_only(const json& obj, const std::string& where, std::initializer_list<const char*> allowed);
// True when `obj` has `key` (obj must be an object).
bool has(const json& obj, const std::string& key);

}  // namespace cnnplace::json_fields
