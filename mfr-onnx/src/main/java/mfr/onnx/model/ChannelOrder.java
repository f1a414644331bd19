package mfr.onnx.model;

/** How pixels are laid out in a model's input tensor. */
public enum ChannelOrder {
    RGB, BGR, GRAY
}
