#pragma once
// Small helpers for writing SVG by hand: escaping, numbers with a fixed precision (so the
// same picture gives the same bytes), and polyline geometry (offsets, trimming, midpoints).
// Internal to render/ (not installed).
#include <string>
#include <vector>

#include "model/network.hpp"

namespace cnnplace::svg {

// Text and attribute values with &, <, >, " and ' escaped.
std::string escape(const std::string& text);
// A coordinate with one decimal ("12.5"; never "-0.0").
std::string num(double v);
// "M x,y L x,y ..." for a polyline.
std::string path_data(const std::vector<Point>& points);

// The polyline moved sideways by `distance` px (positive: to the left of the direction of
// travel in screen coordinates), with mitred joints.
std::vector<Point> offset(const std::vector<Point>& points, double distance);
// The polyline with `start` px cut from its beginning and `end` px from its end (each cut
// only when the first/last segment is long enough to keep some of it).
std::vector<Point> trim(std::vector<Point> points, double start, double end);
// The point `fraction` (0..1) of the way along the polyline, and the direction of the
// segment it lies on.
Point along(const std::vector<Point>& points, double fraction, Point* direction = nullptr);
// An estimate of a text's width in pixels (DejaVu Sans), for placing labels.
double text_width(const std::string& text, double font_size, bool bold = false);

}  // namespace cnnplace::svg
