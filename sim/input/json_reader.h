// config_from_json: strict JSON (RFC 8259) as a ConfigNode tree whose every value is located at the
// file:line:col where it starts. Used for Databricks Jobs API files, where a syntax error must name
// JSON and the token expected ("malformed JSON: expected ',' or '}' after a member, found ']'"), never
// fall through to YAML's laxer grammar. Nothing beyond the RFC is accepted: no comments, trailing
// commas, single quotes or bare words; escapes (including \uXXXX surrogate pairs) become UTF-8; a key
// given twice in one object is an error. Strings are quoted scalars; numbers, true and false unquoted
// scalars as written; null a kNull node. Inside sim/input. Any thread; no shared state.
#pragma once

#include <string>
#include <string_view>

#include "engine/error.h"
#include "sim/input/config_node.h"

namespace orchsim::sim {

// The first syntax error stops the reading (what follows cannot be trusted); duplicate keys and
// control characters are collected. Every problem goes to `diagnostics`; the tree read so far is
// returned either way.
ConfigNode config_from_json(std::string_view text, const std::string& file, Diagnostics& diagnostics);

}  // namespace orchsim::sim
