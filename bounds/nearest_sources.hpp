#pragma once
// The move step of the chain DP at scale (design.md "Bounds" 6; issue 8, "Fast tables"):
//
//     move(i) = min over units k != i of  w T(i, k) + B(k)
//
// is a multi-source shortest path on the network. Start a label at every unit k with value
// B(k), grow labels backwards along the links (a label's key is B(k) + w * its distance to
// k, in seconds per byte), and the first label to reach i from a source other than i holds
// the argmin. Each node keeps at most two labels from distinct sources (the second answers
// "k != i" when i's own label arrives first), so one run costs O((E + N) log N) instead of
// the O(N^2) of trying every pair; the run stops once every target has its answer. With one
// rate on every link (the paper) all hops weigh the same and a FIFO replaces the heap.
//
// Exactness: the search only picks k; the caller evaluates w T(i, k) + B(k) with the same
// expression as the pairwise scan. Distances summed link by link may round differently
// from T's in the last bit, so among near-ties (within rounding) another k may be picked:
// the value is then the true minimum to within a few ulps, far inside the solver's
// pruning tolerance (solver/options.hpp).
//
// Several answers: the tables that forbid returns (bounds/chain_dp.hpp) need, per target,
// the few nearest distinct sources other than itself. With `answers` wanted, each node keeps
// answers + 1 labels from distinct sources: a source dropped at a node has answers + 1
// nearer ones there, of which at most one is the target itself, so it cannot be among any
// target's `answers` nearest beyond that node.
#include <utility>
#include <vector>

#include "bounds/problem.hpp"

namespace cnnplace {

class NearestSources {
 public:
  explicit NearestSources(const Problem& p);

  // value[k] = B(k) for every unit k (+inf: not a source); `sources` lists the finite ones.
  // For every unit i in `targets`, best[i * answers + a] becomes the a-th nearest source
  // k != i, in key order (-1 where fewer reach i); best needs units * answers entries.
  void run(double w, const std::vector<int>& sources, const std::vector<double>& value,
           const std::vector<int>& targets, std::vector<int>& best, int answers = 1);

 private:
  struct Label {
    double key, dist;
    int node, source;
  };
  bool settle(const Label& l, std::vector<int>& best);
  bool wanted(int node, int source) const;
  void run_heap(double w, const std::vector<int>& sources, const std::vector<double>& value, std::vector<int>& best);
  void run_uniform(double w, const std::vector<int>& sources, const std::vector<double>& value,
                   std::vector<int>& best);

  const Problem* p_;
  int answers_ = 1, cap_ = 2;  // answers per target; labels kept per node (answers + 1)
  // Per node: how many labels settled, their sources (cap_ slots each), and, for a target,
  // how many answers it still wants (0: not a target, or answered).
  std::vector<int> settled_, sources_, wanted_answers_, found_;
  std::vector<Label> heap_, fifo_;
  // Per node, the source of the last label queued for it (one FIFO run). A node hears from
  // the same source through each of its next nodes that settle it; the copies after the
  // first are dropped anyway (same or larger key, and the first is queued ahead of them),
  // so the run is the same without them: fifty AlexNets at N = 2000 try 142 neighbourhoods
  // in 60 s instead of 98, and twelve at N = 500 take 18.0 s instead of 21.3 s to the same
  // 2 000 nodes.
  std::vector<int> last_pushed_;
  std::size_t open_ = 0;
};

}  // namespace cnnplace
