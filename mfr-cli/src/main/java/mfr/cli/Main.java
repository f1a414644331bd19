package mfr.cli;

import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import picocli.CommandLine;

/** Entry point of the {@code mfr} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (no System.exit), for tests and embedding. */
    public static int run(String... args) {
        configureLogging();
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new MfrCommand());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            MfrException m = unwrap(ex);
            if (m != null) {
                cmd.getErr().println("mfr: " + m.getMessage());
                return m.code().exitCode();
            }
            cmd.getErr().println("mfr: internal error: " + ex);
            if (Boolean.getBoolean("mfr.debug")) {
                ex.printStackTrace(cmd.getErr());
            }
            return ErrorCode.INTERNAL.exitCode();
        });
        cl.setExitCodeExceptionMapper(ex -> ErrorCode.USAGE.exitCode());
        return cl;
    }

    private static MfrException unwrap(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MfrException m) {
                return m;
            }
        }
        return null;
    }

    private static void configureLogging() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showLogName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "true");
        // Apache Spark (the spark cleaning engine) and Hadoop log every step at INFO: keep their warnings only.
        setIfAbsent("org.slf4j.simpleLogger.log.org.apache.spark", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.org.apache.hadoop", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.org.sparkproject", "warn");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
