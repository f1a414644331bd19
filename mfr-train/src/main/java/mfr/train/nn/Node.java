package mfr.train.nn;

import java.util.List;

/** A layer applied to named values, producing one named value. */
public record Node(String name, Layer layer, List<String> inputs, String output) {
    public Node {
        inputs = List.copyOf(inputs);
    }
}
