package mfr.train.loop;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * An update rule applied in place to a parameter (or to the gathered rows of one, for Partial FC) from its gradient
 * and its state tensors (same shape as the parameter, zero at the start). Call under no-grad.
 */
public sealed interface Optimizer {
    /** How many state tensors the rule keeps per parameter. */
    int stateCount();

    /** @param step 1-based number of this update */
    void update(Tensor param, Tensor grad, Tensor[] state, double lr, long step);

    String describe();

    /** PyTorch's SGD: d = g + wd * p; buf = momentum * buf + d; p -= lr * buf. */
    record Sgd(double momentum, double weightDecay) implements Optimizer {
        @Override
        public int stateCount() {
            return 1;
        }

        @Override
        public void update(Tensor p, Tensor g, Tensor[] state, double lr, long step) {
            Tensor d = weightDecay == 0 ? g : g.add(p, new Scalar(weightDecay));
            Tensor buf = state[0];
            buf.mul_(new Scalar(momentum)).add_(d);
            p.sub_(buf, new Scalar(lr));
        }

        @Override
        public String describe() {
            return "sgd(momentum=" + momentum + ", weight_decay=" + weightDecay + ")";
        }
    }

    /** PyTorch's AdamW: decoupled weight decay, bias-corrected first and second moments. */
    record AdamW(double beta1, double beta2, double eps, double weightDecay) implements Optimizer {
        @Override
        public int stateCount() {
            return 2;
        }

        @Override
        public void update(Tensor p, Tensor g, Tensor[] state, double lr, long step) {
            if (weightDecay != 0) {
                p.mul_(new Scalar(1 - lr * weightDecay));
            }
            Tensor m = state[0];
            Tensor v = state[1];
            m.mul_(new Scalar(beta1)).add_(g, new Scalar(1 - beta1));
            v.mul_(new Scalar(beta2)).addcmul_(g, g, new Scalar(1 - beta2));
            double bc1 = 1 - Math.pow(beta1, step);
            double bc2 = 1 - Math.pow(beta2, step);
            Tensor denom = v.sqrt().div(new Scalar(Math.sqrt(bc2))).add(new Scalar(eps));
            p.sub_(m.div(denom), new Scalar(lr / bc1));
        }

        @Override
        public String describe() {
            return "adamw(betas=" + beta1 + "," + beta2 + ", eps=" + eps + ", weight_decay=" + weightDecay + ")";
        }
    }
}
