package mfr.onnx.bench;

import java.util.Arrays;

/** Repeated timings of one thing, summarised the FRUITS way: the 6th-fastest run and the median. */
public record Timings(String name, long[] nanos) {
    public Timings {
        nanos = nanos.clone();
        Arrays.sort(nanos);
    }

    /** The k-th fastest run in milliseconds (1-based), clamped to the runs there are. */
    public double fastestMs(int k) {
        return nanos[Math.min(nanos.length, Math.max(1, k)) - 1] / 1e6;
    }

    public double sixthFastestMs() {
        return fastestMs(6);
    }

    public double medianMs() {
        int n = nanos.length;
        return n % 2 == 1 ? nanos[n / 2] / 1e6 : (nanos[n / 2 - 1] + nanos[n / 2]) / 2e6;
    }
}
