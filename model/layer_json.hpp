#pragma once
// A CNN's layers in JSON: [{"name", "memory", "compute", "output", "p"}, ...].
// Shared by the zoo and the instance reader; internal.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "model/instance.hpp"

namespace cnnplace {

std::vector<Layer> layers_from_json(const nlohmann::json& layers, const std::string& where);
nlohmann::json layers_to_json(const std::vector<Layer>& layers);

}  // namespace cnnplace
