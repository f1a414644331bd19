package mfr.core.face;

import mfr.core.geometry.Box;

/** A detector's output: a face box in image pixels and its confidence in [0, 1]. */
public record Detection(Box box, double score) {
}
