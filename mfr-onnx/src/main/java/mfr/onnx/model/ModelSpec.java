package mfr.onnx.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Objects;

/**
 * One entry of the model manifest: what a model is, how to feed it, and where it came from.
 * The input tensor is {@code (pixel - mean) / std} per channel in {@code channelOrder}, NCHW.
 *
 * @param id           unique name, used to select the model ({@code fr_feature}, or a user's name)
 * @param task         detector, landmarks, embedder or liveness
 * @param file         file name inside the models directory
 * @param inputWidth   input width in pixels
 * @param inputHeight  input height in pixels
 * @param channelOrder RGB, BGR or GRAY
 * @param mean         subtracted from each 0..255 pixel value
 * @param std          divides the result
 * @param sha256       digest of the file, checked when the model is loaded
 * @param license      licence of the weights
 * @param source       where the file came from
 * @param note         how the preprocessing was established, or anything a user should know
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelSpec(String id, ModelTask task, String file, int inputWidth, int inputHeight,
                        ChannelOrder channelOrder, double mean, double std, String sha256, String license,
                        String source, String note) {
    public ModelSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(channelOrder, "channelOrder");
        if (!id.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("model id may hold letters, digits, '_', '.', '-': " + id);
        }
        if (inputWidth <= 0 || inputHeight <= 0 || std == 0) {
            throw new IllegalArgumentException("model " + id + ": input size must be positive and std non-zero");
        }
    }

    public ModelSpec withChannelOrder(ChannelOrder order) {
        return new ModelSpec(id, task, file, inputWidth, inputHeight, order, mean, std, sha256, license, source, note);
    }

    /** The id stored with embeddings: the model id and the first 8 hex digits of its digest. */
    public String versionedId() {
        return sha256 == null || sha256.length() < 8 ? id : id + ":" + sha256.substring(0, 8);
    }
}
