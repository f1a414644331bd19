package mfr.train.dist;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts N worker JVMs on this machine (the same java, class path and heap options as this one), each with
 * torchrun-style variables {@code RANK}, {@code WORLD_SIZE}, {@code MASTER_ADDR=127.0.0.1}, {@code MASTER_PORT}, and
 * waits for all of them. Rank 0 inherits this process's terminal; the others write to {@code logDir/worker-K.log}.
 * If one worker fails the others are stopped. On several machines, start one process per rank by hand with the same
 * variables instead (docs/training.md).
 */
public final class Launcher {
    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

    private Launcher() {
    }

    /** A free TCP port on the loopback interface. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "no free local port for the worker group: " + e.getMessage());
        }
    }

    /**
     * Runs {@code mainClass args} in {@code workers} processes and returns the first non-zero exit code (0 when all
     * succeed).
     */
    public static int launch(int workers, int port, String mainClass, List<String> args, Path logDir,
                             Map<String, String> extraEnv) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> jvm = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Xm") || a.startsWith("-D") && !a.startsWith("-Djava.class.path")) {
                jvm.add(a);
            }
        }
        List<Process> procs = new ArrayList<>();
        try {
            Files.createDirectories(logDir);
            for (int rank = 0; rank < workers; rank++) {
                List<String> cmd = new ArrayList<>();
                cmd.add(java);
                cmd.addAll(jvm);
                cmd.add("-cp");
                cmd.add(System.getProperty("java.class.path"));
                cmd.add(mainClass);
                cmd.addAll(args);
                ProcessBuilder pb = new ProcessBuilder(cmd);
                Map<String, String> env = pb.environment();
                env.put("RANK", Integer.toString(rank));
                env.put("WORLD_SIZE", Integer.toString(workers));
                env.put("MASTER_ADDR", "127.0.0.1");
                env.put("MASTER_PORT", Integer.toString(port));
                env.put("MFR_LOCAL_ADDR", "127.0.0.1");
                env.putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
                env.putAll(extraEnv);
                if (rank == 0) {
                    pb.inheritIO();
                } else {
                    Path log = logDir.resolve("worker-" + rank + ".log");
                    pb.redirectErrorStream(true).redirectOutput(log.toFile());
                }
                procs.add(pb.start());
                LOG.debug("started worker {} of {}: {}", rank, workers, cmd);
            }
            int result = 0;
            for (int rank = 0; rank < procs.size(); rank++) {
                int code = procs.get(rank).waitFor();
                if (code != 0 && result == 0) {
                    result = code;
                    LOG.error("worker {} exited with {}{}; stopping the others", rank, code,
                            rank == 0 ? "" : " (see " + logDir.resolve("worker-" + rank + ".log") + ")");
                    procs.forEach(Process::destroy);
                }
            }
            return result;
        } catch (IOException e) {
            procs.forEach(Process::destroy);
            throw new MfrException(ErrorCode.IO, "cannot start the workers: " + e.getMessage());
        } catch (InterruptedException e) {
            procs.forEach(Process::destroy);
            Thread.currentThread().interrupt();
            throw new MfrException(ErrorCode.INTERNAL, "interrupted while waiting for the workers");
        }
    }
}
