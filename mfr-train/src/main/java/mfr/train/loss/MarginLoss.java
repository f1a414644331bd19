package mfr.train.loss;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The combined margin of insightface: the target logit cos(theta) becomes cos(m1 * theta + m2) - m3, all logits are
 * then scaled by s. ArcFace is (1, 0.5, 0), CosFace (1, 0, 0.4), both with s = 64. For an additive angular margin,
 * where theta + m2 would pass pi the target falls back to cos(theta) - sin(pi - m2) * m2 (insightface's rule, which
 * keeps the target logit decreasing in theta).
 */
public record MarginLoss(double s, double m1, double m2, double m3) {
    public static MarginLoss arcFace() {
        return new MarginLoss(64, 1, 0.5, 0);
    }

    public static MarginLoss cosFace() {
        return new MarginLoss(64, 1, 0, 0.4);
    }

    public MarginLoss {
        if (s <= 0) {
            throw new IllegalArgumentException("margin scale s must be positive, got " + s);
        }
    }

    /** The target cosine after the margin, before scaling: differentiable, elementwise. */
    public Tensor target(Tensor cos) {
        Tensor out = cos;
        if (m1 != 1 || m2 != 0) {
            Tensor c = torch.clamp(cos, new org.bytedeco.pytorch.ScalarOptional(new Scalar(-1 + 1e-7)),
                    new org.bytedeco.pytorch.ScalarOptional(new Scalar(1 - 1e-7)));
            Tensor theta = torch.acos(c);
            Tensor margined = torch.cos(theta.mul(new Scalar(m1)).add(new Scalar(m2)));
            if (m1 == 1 && m2 > 0) {
                double threshold = Math.cos(Math.PI - m2);
                Tensor fallback = cos.sub(new Scalar(Math.sin(Math.PI - m2) * m2));
                margined = margined.where(cos.gt(new Scalar(threshold)), fallback);
            }
            out = margined;
        }
        if (m3 != 0) {
            out = out.sub(new Scalar(m3));
        }
        return out;
    }

    /** The same rule on one value (for logs and checks). */
    public double target(double cos) {
        double out = cos;
        if (m1 != 1 || m2 != 0) {
            double c = Math.max(-1 + 1e-7, Math.min(1 - 1e-7, cos));
            out = Math.cos(m1 * Math.acos(c) + m2);
            if (m1 == 1 && m2 > 0 && cos <= Math.cos(Math.PI - m2)) {
                out = cos - Math.sin(Math.PI - m2) * m2;
            }
        }
        return out - m3;
    }
}
