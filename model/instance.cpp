#include "model/instance.hpp"

namespace cnnplace {

int Instance::layer_count() const {
  int n = 0;
  for (const Cnn& c : cnns) n += c.size();
  return n;
}

const char* to_string(ProcessingWeight w) {
  return w == ProcessingWeight::as_written ? "as-written" : "next-layer";
}

}  // namespace cnnplace
