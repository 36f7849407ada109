// fuzz_placement: bytes -> JSON reader -> placement reader, against a fixed instance with
// shared layers (the paper's Figure 3b, instances/samples/shared2.json). `cnnplace evaluate`
// and `cnnplace render` read placements and solver results from users; an InputError is the
// right answer to bad bytes, anything else is a bug. A placement that reads must also go
// through check(), evaluate() and render_svg() as the CLI does, and write out and read back
// unchanged.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "model/errors.hpp"
#include "model/evaluate.hpp"
#include "model/instance_io.hpp"
#include "model/json_text.hpp"
#include "render/svg.hpp"

using namespace cnnplace;

namespace {

void bug_unless(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Instance inst = read_instance(CNNPLACE_SOURCE_DIR "/instances/samples/shared2.json");
  const std::string text(reinterpret_cast<const char*>(data), size);
  Placement p;
  try {
    p = placement_from_json(json_text::parse(text, "p.json"), inst, "p.json");
  } catch (const InputError&) {
    return 0;
  }
  // A placement that reads has the instance's shape and names its units: what check() may
  // still find is a broken capacity or a split shared layer, and evaluate() prices any of them.
  for (const Violation& v : check(inst, p))
    bug_unless(v.kind != ViolationKind::shape && v.kind != ViolationKind::unknown_unit && !v.message.empty());
  const double latency = evaluate(inst, p).objective();
  bug_unless(std::isfinite(latency) && latency >= 0);
  bug_unless(placement_from_json(placement_to_json(inst, p), inst, "written") == p);
  const std::string svg = render_svg(inst, p);
  bug_unless(svg.rfind("</svg>") != std::string::npos);
  return 0;
}
