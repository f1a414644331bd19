package mfr.core.dataset;

import java.nio.file.Path;

/** Two images and whether they show the same person; {@code fold} is the protocol fold (0-based). */
public record ImagePair(Path first, Path second, boolean same, int fold) {
}
