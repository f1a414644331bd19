package mfr.train.loop;

import mfr.train.nn.Network;

/** Periodic verification of the network being trained (LFW View 2 pairs in the CLI). */
public interface Verifier {
    /** Accuracy at the best threshold over the pairs. */
    record Outcome(double accuracy, double threshold, int pairs) {
    }

    String name();

    Outcome verify(Network net);
}
