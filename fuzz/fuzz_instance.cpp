// fuzz_instance: bytes -> JSON reader -> instance reader and validate(). Any InputError is a
// correct answer to bad input; any other exception, crash, leak, hang or sanitizer report is
// a bug. A valid instance must also survive what the CLI does next: evaluate() a placement,
// and write itself out and read back identically (docs/reliability.md).
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "model/errors.hpp"
#include "model/evaluate.hpp"
#include "model/instance_io.hpp"
#include "model/json_text.hpp"

using namespace cnnplace;

namespace {

// Every layer on the first unit: the right shape, and shared groups stay together.
Placement everything_on_unit_zero(const Instance& inst) {
  Placement p;
  for (const Cnn& c : inst.cnns) p.unit_of.emplace_back(c.layers.size(), UnitId(0));
  return p;
}

void bug_unless(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  Instance inst;
  try {
    inst = instance_from_json(json_text::parse(text, "fuzz.json"), "fuzz.json");
  } catch (const InputError&) {
    return 0;
  }
  const Evaluation ev = evaluate(inst, everything_on_unit_zero(inst));
  bug_unless(std::isfinite(ev.objective()) && ev.objective() >= 0);
  const std::string written = json_text::dump(instance_to_json(inst));
  const Instance again = instance_from_json(json_text::parse(written, "written"), "written");
  bug_unless(json_text::dump(instance_to_json(again)) == written);
  return 0;
}
