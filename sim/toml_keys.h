// toml_keys.h - reading a TOML table of the machine description with
// one-line errors ("file: reason"), shared by sim/config.cpp and the sections
// other modules parse themselves (sim/numa/memory_config.cpp).
#pragma once
#include <set>
#include <string>
#include <toml++/toml.h>

#include "sim/types.h"

namespace ds::toml_keys {

[[noreturn]] void fail(const std::string& file, const std::string& why);

// Fails on the first key of `t` not in `allowed`: "unknown key 'k' in <where>".
void check_keys(const toml::table& t, const std::string& where, const std::set<std::string>& allowed,
                const std::string& file);

// The non-negative integer at `key`, or `def` if absent; `prefix` names the
// section in the error ("[memory] 'x' must be a non-negative integer").
u64 get_uint(const toml::table& t, const char* key, u64 def, const std::string& file, const std::string& prefix = "");

}  // namespace ds::toml_keys
