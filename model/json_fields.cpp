#include "model/json_fields.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "model/errors.hpp"

namespace cnnplace::json_fields {

std::string path(const std::string& where, const std::string& key) { return where + "/" + key; }
std::string path(const std::string& where, std::size_t index) {
  return where + "/" + std::to_string(index);
}
std::string in_file(const std::string& origin, const std::string& pointer) {
  if (origin.empty()) return pointer;
  return pointer.empty() ? origin : origin + ": " + pointer;
}

static const char* type_name(const json& v) { return v.type_name(); }

const json& require(const json& obj, const std::string& key, const std::string& where) {
  require_object(obj, where);
  auto it = obj.find(key);
  if (it == obj.end())
    throw InputError(path(where, key), "missing field \"" + key + "\"", "add it");
  return *it;
}

void require_object(const json& value, const std::string& where) {
  if (!value.is_object())
    throw InputError(where, fmt::format("expected an object, found {}", type_name(value)),
                     "write { \"field\": value, ... }");
}

void require_array(const json& value, const std::string& where) {
  if (!value.is_array())
    throw InputError(where, fmt::format("expected an array, found {}", type_name(value)),
                     "write [ ... ]");
}

double quantity(const json& value, QuantityKind kind, const std::string& where) {
  double v;
  if (value.is_number()) {
    v = value.get<double>();
  } else if (value.is_string()) {
    v = parse_quantity(value.get_ref<const std::string&>(), kind, where);
  } else {
    throw InputError(where, fmt::format("expected {}, found {}", to_string(kind), type_name(value)),
                     "write a number or a string with units such as \"512 KB\"");
  }
  if (!std::isfinite(v))
    throw InputError(where, "the value is not a finite number", "give a finite value");
  return v;
}

double quantity(const json& obj, const std::string& key, QuantityKind kind,
                const std::string& where, std::optional<double> fallback) {
  require_object(obj, where);
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (fallback) return *fallback;
    throw InputError(path(where, key), fmt::format("missing field \"{}\" ({})", key, to_string(kind)),
                     "add it");
  }
  if (it->is_string() && (it->get_ref<const std::string&>() == "unlimited") &&
      fallback && std::isinf(*fallback))
    return *fallback;
  return quantity(*it, kind, path(where, key));
}

std::string string(const json& obj, const std::string& key, const std::string& where,
                   std::optional<std::string> fallback) {
  require_object(obj, where);
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (fallback) return *fallback;
    throw InputError(path(where, key), fmt::format("missing field \"{}\"", key), "add it");
  }
  if (!it->is_string())
    throw InputError(path(where, key), fmt::format("expected a string, found {}", type_name(*it)),
                     "write it in double quotes");
  return it->get<std::string>();
}

int integer_or_unlimited(const json& obj, const std::string& key, const std::string& where,
                         int fallback) {
  require_object(obj, where);
  auto it = obj.find(key);
  if (it == obj.end()) return fallback;
  if (it->is_string() && it->get_ref<const std::string&>() == "unlimited")
    return std::numeric_limits<int>::max();
  if (!it->is_number_integer())
    throw InputError(path(where, key), fmt::format("expected an integer or \"unlimited\", found {}",
                                                   it->dump()),
                     "write a whole number such as 2, or \"unlimited\"");
  const auto v = it->get<long long>();
  if (v < 0 || v > std::numeric_limits<int>::max())
    throw InputError(path(where, key), fmt::format("{} is out of range", v),
                     "give a number between 0 and 2147483647, or \"unlimited\"");
  return static_cast<int>(v);
}

void allow_only(const json& obj, const std::string& where, std::initializer_list<const char*> allowed) {
  require_object(obj, where);
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (it.key() == "about") continue;
    bool known = false;
    for (const char* k : allowed) known = known || it.key() == k;
    if (known) continue;
    std::string list;
    for (const char* k : allowed) list += (list.empty() ? "" : ", ") + std::string(k);
    throw InputError(path(where, it.key()), fmt::format("unknown field \"{}\"", it.key()),
                     fmt::format("the fields here are: {}, about", list));
  }
}

bool has(const json& obj, const std::string& key) { return obj.is_object() && obj.contains(key); }

}  // namespace cnnplace::json_fields
