package mfr.train.dist;

import java.util.Map;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/**
 * Where this worker stands in the group: its rank, the number of workers, the master's address (rank 0 serves the
 * rendezvous store there) and the address this worker binds Gloo to. On one machine every address is 127.0.0.1.
 * Read from the environment like torchrun: {@code RANK}, {@code WORLD_SIZE}, {@code MASTER_ADDR},
 * {@code MASTER_PORT}, {@code MFR_LOCAL_ADDR}.
 */
public record DistEnv(int rank, int worldSize, String masterHost, int masterPort, String localHost) {
    public static final int DEFAULT_PORT = 29500;

    public DistEnv {
        if (worldSize < 1 || rank < 0 || rank >= worldSize) {
            throw new MfrException(ErrorCode.USAGE, "rank " + rank + " is outside a group of " + worldSize
                    + " workers: ranks run from 0 to workers-1");
        }
        if (masterPort < 1 || masterPort > 65535) {
            throw new MfrException(ErrorCode.USAGE, "master port " + masterPort + " is not a TCP port (1..65535)");
        }
    }

    public static DistEnv single() {
        return new DistEnv(0, 1, "127.0.0.1", DEFAULT_PORT, "127.0.0.1");
    }

    /** From torchrun-style variables; absent ones mean a single worker on this machine. */
    public static DistEnv fromEnvironment(Map<String, String> env) {
        int world = Integer.parseInt(env.getOrDefault("WORLD_SIZE", "1"));
        int rank = Integer.parseInt(env.getOrDefault("RANK", "0"));
        String master = env.getOrDefault("MASTER_ADDR", "127.0.0.1");
        int port = Integer.parseInt(env.getOrDefault("MASTER_PORT", String.valueOf(DEFAULT_PORT)));
        String local = env.getOrDefault("MFR_LOCAL_ADDR", master.equals("127.0.0.1") || master.equals("localhost")
                ? "127.0.0.1" : defaultLocal());
        return new DistEnv(rank, world, master, port, local);
    }

    private static String defaultLocal() {
        try {
            return java.net.InetAddress.getLocalHost().getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    /** The collective for this environment: {@link Collective.Local} for one worker, Gloo otherwise. */
    public Collective connect(long timeoutMillis) {
        return worldSize == 1 ? new Collective.Local() : GlooCollective.join(this, timeoutMillis);
    }
}
