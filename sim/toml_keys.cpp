// toml_keys.cpp - the shared key readers of toml_keys.h.
#include "sim/toml_keys.h"

#include <stdexcept>

namespace ds::toml_keys {

void fail(const std::string& file, const std::string& why) { throw std::runtime_error(file + ": " + why); }

void check_keys(const toml::table& t, const std::string& where, const std::set<std::string>& allowed,
                const std::string& file) {
  for (auto&& [k, v] : t)
    if (!allowed.count(std::string(k.str()))) fail(file, "unknown key '" + std::string(k.str()) + "' in " + where);
}

u64 get_uint(const toml::table& t, const char* key, u64 def, const std::string& file, const std::string& prefix) {
  auto node = t.get(key);
  if (!node) return def;
  auto v = node->value<int64_t>();
  if (!v || *v < 0) fail(file, prefix + "'" + key + "' must be a non-negative integer");
  return static_cast<u64>(*v);
}

}  // namespace ds::toml_keys
