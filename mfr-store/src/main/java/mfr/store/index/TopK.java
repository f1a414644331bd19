package mfr.store.index;

import java.util.ArrayList;
import java.util.List;

/** Keeps the k best (id, score) pairs seen, in a min-heap; not thread-safe. */
final class TopK {
    private final int k;
    private final long[] ids;
    private final float[] scores;
    private int n;

    TopK(int k) {
        this.k = Math.max(1, k);
        this.ids = new long[this.k];
        this.scores = new float[this.k];
    }

    /** The score a candidate must beat to enter. */
    float floor() {
        return n < k ? Float.NEGATIVE_INFINITY : scores[0];
    }

    void offer(long id, float score) {
        if (n < k) {
            ids[n] = id;
            scores[n] = score;
            n++;
            siftUp(n - 1);
        } else if (score > scores[0]) {
            ids[0] = id;
            scores[0] = score;
            siftDown(0);
        }
    }

    List<Hit> best() {
        List<Hit> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Hit(ids[i], scores[i]));
        }
        out.sort((a, b) -> Float.compare(b.score(), a.score()));
        return out;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int p = (i - 1) / 2;
            if (scores[p] <= scores[i]) {
                return;
            }
            swap(i, p);
            i = p;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int m = i;
            if (l < n && scores[l] < scores[m]) {
                m = l;
            }
            if (r < n && scores[r] < scores[m]) {
                m = r;
            }
            if (m == i) {
                return;
            }
            swap(i, m);
            i = m;
        }
    }

    private void swap(int a, int b) {
        long ti = ids[a];
        ids[a] = ids[b];
        ids[b] = ti;
        float ts = scores[a];
        scores[a] = scores[b];
        scores[b] = ts;
    }
}
