package mfr.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.train.bench.PartialFcBench;
import mfr.train.bench.StepBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train-bench", mixinStandardHelpOptions = true,
        description = {"Training benchmarks that print figures (nothing here runs in the tests).",
            "",
            "step        one MobileFaceNet + ArcFace training step in mfr and in PyTorch (Debian's python3-torch,",
            "            /usr/bin/python3), alternating engines round by round on the same machine; ratio = PyTorch",
            "            time / mfr time (above 1: mfr is faster).",
            "partial-fc  Partial FC head step time and peak memory at each class count and sample rate, each",
            "            configuration in its own JVM.",
            "amp         the training step in float32 and in bf16 mixed precision (autocast) on this CPU.",
            "",
            "Examples:",
            "  mfr train-bench --mode step --batch 64 --threads 2 --rounds 3",
            "  mfr train-bench --mode partial-fc --classes 100000,1000000 --rates 0.1,1.0",
            "  mfr train-bench --mode amp --batch 64",
            "Set OMP_WAIT_POLICY and LD_PRELOAD (jemalloc) in the environment: both engines inherit them."})
public final class TrainBenchCommand implements Callable<Integer> {
    @Option(names = "--mode", required = true, description = "step, partial-fc or amp")
    String mode;

    @Option(names = "--backbone", defaultValue = "mbf", description = "backbone for step and amp (default: ${DEFAULT-VALUE})")
    String backbone;

    @Option(names = "--batch", defaultValue = "64", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--threads", defaultValue = "2", description = "intra-op threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--classes", split = ",", defaultValue = "1000",
            description = "classes: one for step/amp, a list for partial-fc (default: ${DEFAULT-VALUE})")
    List<Integer> classes;

    @Option(names = "--rates", split = ",", defaultValue = "0.1,1.0", description = "Partial FC sample rates (default: ${DEFAULT-VALUE})")
    List<Double> rates;

    @Option(names = "--rounds", defaultValue = "3", description = "alternating rounds for step (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--warmup", defaultValue = "2", description = "untimed steps per round (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--steps", defaultValue = "4", description = "timed steps per round (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with torch (default: ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", mode);
        out.put("env.OMP_WAIT_POLICY", System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)"));
        out.put("env.LD_PRELOAD", System.getenv().getOrDefault("LD_PRELOAD", "(unset)"));
        switch (mode) {
            case "step" -> step(out);
            case "partial-fc" -> partialFc(out);
            case "amp" -> amp(out);
            default -> throw new MfrException(ErrorCode.USAGE, "--mode must be step, partial-fc or amp");
        }
        if (json) {
            System.out.println(Json.write(out));
        }
        return 0;
    }

    private void step(Map<String, Object> out) throws Exception {
        Path script = Files.createTempFile("mfr-torch-step", ".py");
        try (InputStream in = StepBench.class.getResourceAsStream("torch_step.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<Double> mfr = new ArrayList<>();
        List<Double> pt = new ArrayList<>();
        List<Double> mfrCpu = new ArrayList<>();
        List<Double> ptCpu = new ArrayList<>();
        List<Double> roundRatios = new ArrayList<>();
        List<Object> rows = new ArrayList<>();
        try {
            for (int r = 0; r < rounds; r++) {
                StepBench.Timing j = StepBench.run(backbone, batch, classes.get(0), threads, warmup, steps, false);
                mfr.addAll(j.steps());
                mfrCpu.addAll(j.cpuSteps());
                rows.add(j);
                line("round %d mfr:     step %.0f ms, CPU %.0f ms (forward %.0f, head+backward %.0f)", r + 1, j.stepMs(),
                        j.cpuMs(), j.forwardMs(), j.backwardMs());
                Map<String, Object> p = python(script);
                @SuppressWarnings("unchecked")
                List<Double> ps = (List<Double>) p.get("steps");
                pt.addAll(ps);
                @SuppressWarnings("unchecked")
                List<Double> pc = (List<Double>) p.get("cpuSteps");
                ptCpu.addAll(pc);
                rows.add(p);
                roundRatios.add(num(p, "stepMs") / j.stepMs());
                line("round %d pytorch: step %.0f ms, CPU %.0f ms (forward %.0f, head+backward %.0f) [%s]", r + 1,
                        num(p, "stepMs"), num(p, "cpuMs"), num(p, "forwardMs"), num(p, "backwardMs"), p.get("engine"));
            }
        } finally {
            Files.deleteIfExists(script);
        }
        double m = StepBench.median(mfr);
        double p = StepBench.median(pt);
        double mc = StepBench.median(mfrCpu);
        double pc = StepBench.median(ptCpu);
        line("median step: mfr %.0f ms, pytorch %.0f ms; speed ratio (pytorch time / mfr time) %.2fx", m, p, p / m);
        line("median of the per-round ratios (each round runs both engines back to back): %.2fx",
                StepBench.median(roundRatios));
        line("median CPU time per step: mfr %.0f ms, pytorch %.0f ms; CPU ratio %.2fx", mc, pc, pc / mc);
        out.put("rounds", rows);
        out.put("mfrMedianMs", m);
        out.put("pytorchMedianMs", p);
        out.put("ratio", p / m);
        out.put("roundRatioMedian", StepBench.median(roundRatios));
        out.put("mfrCpuMedianMs", mc);
        out.put("pytorchCpuMedianMs", pc);
        out.put("cpuRatio", pc / mc);
    }

    private Map<String, Object> python(Path script) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(python, script.toString(), Integer.toString(batch),
                Integer.toString(classes.get(0)), Integer.toString(threads), Integer.toString(warmup),
                Integer.toString(steps));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process proc;
        try {
            proc = pb.start();
        } catch (IOException e) {
            throw new MfrException(ErrorCode.NOT_FOUND, python + " cannot be started: apt-get install python3-torch"
                    + " (it installs for /usr/bin/python3)");
        }
        String text = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (proc.waitFor() != 0 || text.isEmpty()) {
            throw new MfrException(ErrorCode.NOT_FOUND, python + " could not run the PyTorch step (is python3-torch"
                    + " installed? apt-get install python3-torch)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = Json.MAPPER.readValue(text.substring(text.lastIndexOf('\n') + 1), Map.class);
        return m;
    }

    private void partialFc(Map<String, Object> out) throws Exception {
        List<Object> rows = new ArrayList<>();
        String java = ProcessHandle.current().info().command().orElse("java");
        for (int c : classes) {
            for (double r : rates) {
                List<String> cmd = List.of(java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                        PartialFcBench.class.getName(), Integer.toString(c), Double.toString(r), Integer.toString(batch),
                        Integer.toString(steps), Integer.toString(threads));
                Process proc = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String text = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int code = proc.waitFor();
                String result = text.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElse(null);
                if (code != 0 || result == null) {
                    line("classes %d, r %.2f: failed (exit %d)", c, r, code);
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = Json.MAPPER.readValue(result.substring(7), Map.class);
                rows.add(m);
                line("classes %,d  r %.2f  batch %d: step %.1f ms, peak RSS %.0f MB (JVM+libtorch before the head %.0f MB;"
                        + " centres+momentum %.0f MB)", c, r, batch, num(m, "stepMs"), num(m, "peakRssMb"),
                        num(m, "baselineRssMb"), num(m, "headMb"));
            }
        }
        out.put("results", rows);
    }

    private void amp(Map<String, Object> out) {
        List<Double> fp32 = new ArrayList<>();
        List<Double> bf16 = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            StepBench.Timing f = StepBench.run(backbone, batch, classes.get(0), threads, warmup, steps, false);
            StepBench.Timing b = StepBench.run(backbone, batch, classes.get(0), threads, warmup, steps, true);
            fp32.addAll(f.steps());
            bf16.addAll(b.steps());
            line("round %d: fp32 %.0f ms, bf16 %.0f ms per step", r + 1, f.stepMs(), b.stepMs());
        }
        double f = StepBench.median(fp32);
        double b = StepBench.median(bf16);
        line("median step: fp32 %.0f ms, bf16 %.0f ms; bf16 speed relative to fp32 %.2fx", f, b, f / b);
        out.put("fp32MedianMs", f);
        out.put("bf16MedianMs", b);
        out.put("bf16SpeedupOverFp32", f / b);
        out.put("cpuFlags", cpuFlags());
    }

    private static String cpuFlags() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("flags")) {
                    List<String> keep = new ArrayList<>();
                    for (String f : l.split("\\s+")) {
                        if (f.startsWith("avx512") || f.equals("avx2") || f.startsWith("amx") || f.equals("fma")) {
                            keep.add(f);
                        }
                    }
                    return String.join(" ", keep);
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }

    private static double num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).doubleValue();
    }

    private void line(String fmt, Object... args) {
        String s = String.format(Locale.ROOT, fmt, args);
        if (json) {
            System.err.println(s);
        } else {
            System.out.println(s);
        }
    }
}
