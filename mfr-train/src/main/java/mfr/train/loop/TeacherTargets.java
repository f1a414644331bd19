package mfr.train.loop;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import mfr.core.io.AtomicFile;
import mfr.train.backbone.BackboneSource;
import mfr.train.data.FaceDataset;
import mfr.train.data.Preprocess;
import mfr.train.engine.HostTensors;
import mfr.train.nn.Network;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;

/**
 * The frozen teacher's unit embedding of every training image (the unmasked original, unflipped), computed once
 * before the first step and kept in the run folder ({@code teacher.f32}), so a resumed run distils towards the same
 * targets even though the student has moved away from the teacher's weights.
 */
final class TeacherTargets {
    static final String FILE = "teacher.f32";
    private static final int MAGIC = 0x6d667274;
    private static final int BATCH = 32;

    private final float[] unit;
    private final int dim;

    private TeacherTargets(float[] unit, int dim) {
        this.unit = unit;
        this.dim = dim;
    }

    int dim() {
        return dim;
    }

    /** Copies the targets of {@code samples} into a [n, dim] row-major array. */
    float[] rows(int[] samples) {
        float[] out = new float[samples.length * dim];
        for (int i = 0; i < samples.length; i++) {
            System.arraycopy(unit, samples[i] * dim, out, i * dim, dim);
        }
        return out;
    }

    /** The normalised mean target of each class: teacher-initialised class centres, [numClasses, dim]. */
    float[] classCentres(FaceDataset data) {
        float[] c = new float[data.numClasses() * dim];
        for (int i = 0; i < data.size(); i++) {
            int base = data.label(i) * dim;
            for (int k = 0; k < dim; k++) {
                c[base + k] += unit[i * dim + k];
            }
        }
        for (int cls = 0; cls < data.numClasses(); cls++) {
            normalise(c, cls * dim, dim);
        }
        return c;
    }

    /** Reads {@code run/teacher.f32} when it matches the dataset's size, else computes and writes it. */
    static TeacherTargets loadOrCompute(Path run, String teacherRef, int embedding, long seed, FaceDataset data,
                                        Preprocess prep, Consumer<String> progress) {
        Path file = run.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
                if (in.readInt() == MAGIC) {
                    int n = in.readInt();
                    int dim = in.readInt();
                    if (n == data.size()) {
                        float[] v = new float[n * dim];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = in.readFloat();
                        }
                        progress.accept("teacher embeddings read from " + file);
                        return new TeacherTargets(v, dim);
                    }
                }
            } catch (IOException e) {
                progress.accept("teacher embeddings in " + file + " unreadable (" + e.getMessage() + "); recomputing");
            }
        }
        TeacherTargets t = compute(teacherRef, embedding, seed, data, prep, progress);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(12 + 4 * t.unit.length);
        try (DataOutputStream d = new DataOutputStream(bytes)) {
            d.writeInt(MAGIC);
            d.writeInt(data.size());
            d.writeInt(t.dim);
            for (float f : t.unit) {
                d.writeFloat(f);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        AtomicFile.write(file, bytes.toByteArray());
        return t;
    }

    private static TeacherTargets compute(String teacherRef, int embedding, long seed, FaceDataset data,
                                          Preprocess prep, Consumer<String> progress) {
        int per = 3 * 112 * 112;
        float[] unit = null;
        int dim = 0;
        long t0 = System.nanoTime();
        try (Network teacher = BackboneSource.open(teacherRef, embedding, seed)) {
            for (int from = 0; from < data.size(); from += BATCH) {
                int k = Math.min(BATCH, data.size() - from);
                float[] px = new float[k * per];
                for (int i = 0; i < k; i++) {
                    prep.write(data.image(from + i), px, i * per);
                }
                float[] out;
                try (PointerScope scope = new PointerScope(); NoGradGuard ng = new NoGradGuard()) {
                    out = HostTensors.toFloats(teacher.forward(HostTensors.floats(px, k, 3, 112, 112), false));
                }
                if (unit == null) {
                    dim = out.length / k;
                    unit = new float[data.size() * dim];
                }
                for (int i = 0; i < k; i++) {
                    normalise(out, i * dim, dim);
                }
                System.arraycopy(out, 0, unit, from * dim, k * dim);
                if ((from / BATCH) % 20 == 0) {
                    progress.accept("teacher embeddings " + (from + k) + "/" + data.size());
                }
            }
        }
        progress.accept(String.format(java.util.Locale.ROOT, "teacher %s embedded %d images in %.1f s", teacherRef,
                data.size(), (System.nanoTime() - t0) / 1e9));
        return new TeacherTargets(unit, dim);
    }

    private static void normalise(float[] v, int off, int dim) {
        double s = 0;
        for (int k = 0; k < dim; k++) {
            s += (double) v[off + k] * v[off + k];
        }
        float inv = (float) (1 / Math.max(Math.sqrt(s), 1e-12));
        for (int k = 0; k < dim; k++) {
            v[off + k] *= inv;
        }
    }
}
