package mfr.onnx.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/**
 * A pinned npm package, fetched with {@code npm pack} (the npm client's own registry settings apply) and checked
 * against its published SHA-512 integrity before anything is extracted.
 *
 * @param name      package name, e.g. {@code faceplugin-face-recognition-js}
 * @param version   exact version
 * @param integrity the registry's {@code dist.integrity} ({@code sha512-<base64>})
 */
public record NpmPackage(String name, String version, String integrity) {
    private static final long TIMEOUT_MINUTES = 10;

    public String spec() {
        return name + "@" + version;
    }

    /** The npm command: {@code $MFR_NPM} when set, else {@code npm} from the PATH. */
    public static List<String> defaultCommand() {
        String env = System.getenv("MFR_NPM");
        return List.of(env == null || env.isBlank() ? "npm" : env);
    }

    /**
     * Runs {@code npm pack} into {@code dir} and returns the verified tarball.
     *
     * @param npm the npm executable and any leading options (e.g. {@code --registry URL})
     */
    public Path pack(Path dir, List<String> npm) {
        Path log = dir.resolve("npm-pack.log");
        List<String> cmd = new java.util.ArrayList<>(npm);
        cmd.addAll(List.of("pack", spec(), "--pack-destination", dir.toString(), "--silent"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new MfrException(ErrorCode.MODEL, "cannot run '" + npm.get(0) + "' to fetch " + spec()
                    + ": npm is not installed or not on the PATH (install Node.js and npm, e.g. 'apt-get install npm')");
        }
        try {
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new MfrException(ErrorCode.MODEL, "npm pack " + spec() + " did not finish in "
                        + TIMEOUT_MINUTES + " minutes; is the npm registry reachable?");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new MfrException(ErrorCode.MODEL, "interrupted while fetching " + spec());
        }
        if (p.exitValue() != 0) {
            throw new MfrException(ErrorCode.MODEL, "npm could not fetch " + spec() + " (exit " + p.exitValue()
                    + "): " + lastLines(log) + ". Check that the npm registry is reachable (npm config get registry)");
        }
        try (var files = Files.list(dir)) {
            Path tgz = files.filter(f -> f.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new MfrException(ErrorCode.MODEL, "npm pack " + spec() + " produced no tarball"));
            verifyIntegrity(tgz);
            return tgz;
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot list " + dir + ": " + e.getMessage());
        }
    }

    void verifyIntegrity(Path tgz) {
        String actual = "sha512-" + Base64.getEncoder().encodeToString(digest(tgz, "SHA-512"));
        if (!actual.equals(integrity)) {
            throw new MfrException(ErrorCode.MODEL, spec() + ": tarball integrity mismatch (expected " + integrity
                    + ", got " + actual + "); nothing was installed");
        }
    }

    /**
     * Extracts the entries named in {@code wanted} (tar path, e.g. {@code package/model/x.onnx}, to file name)
     * into {@code dest}. Fails when one is missing.
     */
    public static void extract(Path tgz, Map<String, String> wanted, Path dest) {
        Map<String, String> left = new HashMap<>(wanted);
        try (InputStream in = Files.newInputStream(tgz);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String target = left.remove(e.getName());
                if (target != null && e.isFile()) {
                    Files.copy(tar, dest.resolve(target));
                }
            }
        } catch (IOException e) {
            throw new MfrException(ErrorCode.MODEL, tgz + ": cannot extract (" + e.getMessage() + ")");
        }
        if (!left.isEmpty()) {
            throw new MfrException(ErrorCode.MODEL, tgz.getFileName() + " lacks " + left.keySet());
        }
    }

    public static String sha256Hex(Path file) {
        return HexFormat.of().formatHex(digest(file, "SHA-256"));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] digest(Path file, String algorithm) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return md.digest();
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            return lines.isEmpty() ? "no output" : String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "no output";
        }
    }
}
