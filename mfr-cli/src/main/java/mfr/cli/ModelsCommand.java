package mfr.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import mfr.onnx.model.ChannelOrder;
import mfr.onnx.model.MfrHome;
import mfr.onnx.model.ModelInstaller;
import mfr.onnx.model.ModelManifest;
import mfr.onnx.model.ModelSpec;
import mfr.onnx.model.ModelTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Install, list and register models (kept in $MFR_HOME/models, default ~/.mfr/models).",
        subcommands = {ModelsCommand.Install.class, ModelsCommand.ListModels.class, ModelsCommand.Register.class})
public final class ModelsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Fetch the default models with 'npm pack faceplugin-face-recognition-js@0.0.1' (MIT),",
                "verify the tarball's integrity and every file's sha256, and install them with a manifest.",
                "Also done automatically on first use. Nothing is left half-installed on failure."})
    static final class Install implements Callable<Integer> {
        @Option(names = "--force", description = "reinstall even when the models are present")
        boolean force;

        @Option(names = "--samples", description = "also install the six demo photos of @vladmandic/face-api (MIT)")
        boolean samples;

        @Override
        public Integer call() {
            ModelInstaller installer = new ModelInstaller(MfrHome.resolve());
            ModelManifest m = installer.install(force);
            System.out.println("models installed in " + installer.home().models() + ": " + String.join(", ", m.ids()));
            if (samples) {
                System.out.println("demo photos in " + installer.ensureSamples());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Show the installed models and how each is fed.")
    static final class ListModels implements Callable<Integer> {
        @Option(names = "--json", description = "print the manifest as JSON")
        boolean json;

        @Override
        public Integer call() {
            MfrHome home = MfrHome.resolve();
            ModelManifest m = ModelManifest.read(home.models());
            if (json) {
                System.out.println(Json.write(m));
                return 0;
            }
            if (m.models().isEmpty()) {
                System.out.println("no models installed in " + home.models() + "; run 'mfr models install'");
                return 0;
            }
            System.out.printf("%-14s %-10s %-9s %-5s %-13s %-10s %s%n", "ID", "TASK", "INPUT", "ORDER", "NORMALISE",
                    "SHA256", "LICENCE");
            for (ModelSpec s : m.models()) {
                boolean present = Files.isRegularFile(home.models().resolve(s.file()));
                System.out.printf("%-14s %-10s %-9s %-5s %-13s %-10s %s%s%n", s.id(), s.task(),
                        s.inputWidth() + "x" + s.inputHeight(), s.channelOrder(),
                        "(x-" + fmt(s.mean()) + ")/" + fmt(s.std()), s.sha256() == null ? "-" : s.sha256().substring(0, 8),
                        s.license(), present ? "" : "  [FILE MISSING]");
            }
            for (mfr.onnx.model.BundledModels.Bundled b : mfr.onnx.model.BundledModels.list()) {
                if (m.find(b.spec().id()).isEmpty()) {
                    System.out.printf("%-14s %-10s shipped in mfr's jar, installed on first use (--embedder %s)%n",
                            b.spec().id(), b.spec().task(), b.spec().id());
                }
            }
            System.out.println("directory: " + home.models());
            return 0;
        }

        private static String fmt(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = {"Register your own ArcFace-style ONNX embedder (112x112 input, e.g. insightface or",
                "OpenCV zoo). The file is copied into the models directory and recorded with its sha256.",
                "Example: mfr models register --id w600k_r50 --file w600k_r50.onnx --order RGB --mean 127.5 --std 127.5"})
    static final class Register implements Callable<Integer> {
        @Option(names = "--id", required = true, description = "name to select it with --embedder")
        String id;

        @Option(names = "--file", required = true, description = "the ONNX file")
        Path file;

        @Option(names = "--order", defaultValue = "RGB", description = "channel order the model expects: RGB or BGR (default: ${DEFAULT-VALUE})")
        ChannelOrder order;

        @Option(names = "--mean", defaultValue = "127.5", description = "subtracted from each pixel (default: ${DEFAULT-VALUE})")
        double mean;

        @Option(names = "--std", defaultValue = "127.5", description = "divides the result (default: ${DEFAULT-VALUE})")
        double std;

        @Option(names = "--size", defaultValue = "112", description = "input side in pixels (default: ${DEFAULT-VALUE})")
        int size;

        @Option(names = "--license", defaultValue = "user-supplied", description = "licence of the weights")
        String license;

        @Override
        public Integer call() {
            ModelInstaller installer = new ModelInstaller(MfrHome.resolve());
            ModelSpec s = installer.register(file, new ModelSpec(id, ModelTask.EMBEDDER, id + ".onnx", size, size, order,
                    mean, std, null, license, null, "registered by the user"));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("registered", s.id());
            out.put("sha256", s.sha256());
            System.out.println(Json.write(out));
            return 0;
        }
    }
}
