#pragma once
// Pictures of an instance and a placement, drawn as the paper draws them (Figures 1b, 2b, 3):
// units at their positions, shaped and coloured by family (STM32H7 round, Odroid-C2 square),
// sources and sinks marked, links in grey, each CNN's placement as a coloured path from its
// source through its units to its sink along the routes the data takes, layer labels on the
// units, early exits dashed with their probabilities, shared layers ringed, and a legend.
//
//   std::string svg = cnnplace::render_svg(instance, result.placement);
//
// The output is a standalone SVG 1.1 document; the same input gives the same bytes.
#include <optional>
#include <string>

#include "model/instance.hpp"
#include "model/placement.hpp"

namespace cnnplace {

struct RenderOptions {
  double plot_px = 640;  // size of the longer side of the network drawing, in pixels
  bool legend = true;    // the legend column to the right of the network
  std::string title;     // default: the instance's name
  std::string caption;   // one line under the title, e.g. "optimal, 140.774 ms"
};

// The network alone, or with `placement` (which must have the instance's shape: one unit per
// layer of every CNN; check() need not pass, an infeasible placement is drawn as it is).
// Throws InputError when the placement does not fit the instance.
std::string render_svg(const Instance& instance, const std::optional<Placement>& placement,
                       const RenderOptions& options = {});

}  // namespace cnnplace
