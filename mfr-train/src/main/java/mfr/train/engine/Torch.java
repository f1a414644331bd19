package mfr.train.engine;

import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.pytorch.global.torch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The libtorch engine (JavaCPP preset {@code org.bytedeco:pytorch}, CPU build). One libtorch per process: nothing else
 * in mfr loads another. {@link #init} fixes the intra-op thread count (and one inter-op thread) before any work.
 */
public final class Torch {
    private static final Logger LOG = LoggerFactory.getLogger(Torch.class);
    private static final AtomicBoolean INTEROP_SET = new AtomicBoolean();
    /** The libtorch release bundled by org.bytedeco:pytorch 2.10.0-1.5.13. */
    public static final String VERSION = "2.10.0";

    private Torch() {
    }

    /** Sets libtorch's intra-op threads (OpenMP); the inter-op pool is set to one thread once per process. */
    public static void init(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (INTEROP_SET.compareAndSet(false, true)) {
            try {
                torch.set_num_interop_threads(1);
            } catch (RuntimeException e) {
                LOG.debug("inter-op threads already fixed: {}", e.getMessage());
            }
        }
        torch.set_num_threads(threads);
    }

    public static int threads() {
        return torch.get_num_threads();
    }

    /** libtorch's own build description (compiler, BLAS, oneDNN, OpenMP). */
    public static String config() {
        return torch.show_config().getString();
    }
}
