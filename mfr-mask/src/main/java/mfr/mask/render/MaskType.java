package mfr.mask.render;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/**
 * The kinds of mask mfr draws, named as in MFR2's labels ({@code surgical_blue}, {@code cloth_textured}, {@code N95}, ...).
 * Each has a family (which decides shape, pleats and seams) and a base colour in sRGB.
 */
public enum MaskType {
    SURGICAL_BLUE("surgical_blue", Family.SURGICAL, 0x8fc1dd),
    SURGICAL_WHITE("surgical_white", Family.SURGICAL, 0xeef0f0),
    SURGICAL_BLACK("surgical_black", Family.SURGICAL, 0x2a2b2e),
    SURGICAL_GREEN("surgical_green", Family.SURGICAL, 0x8fd3bd),
    CLOTH_BLACK("cloth_black", Family.CLOTH, 0x1e1e21),
    CLOTH_WHITE("cloth_white", Family.CLOTH, 0xe6e4e0),
    CLOTH_RED("cloth_red", Family.CLOTH, 0xb0222c),
    CLOTH_PURPLE("cloth_purple", Family.CLOTH, 0x5b3a7a),
    CLOTH_TEXTURED("cloth_textured", Family.CLOTH, 0x3b5a8c),
    N95("N95", Family.N95, 0xf2f2ee),
    KN95("KN95", Family.KN95, 0xf4f4f2);

    /** Shape families. */
    public enum Family { SURGICAL, CLOTH, N95, KN95 }

    private final String label;
    private final Family family;
    private final int rgb;

    MaskType(String label, Family family, int rgb) {
        this.label = label;
        this.family = family;
        this.rgb = rgb;
    }

    /** The MFR2 label. */
    public String label() {
        return label;
    }

    public Family family() {
        return family;
    }

    /** Base colour, 0xRRGGBB. */
    public int rgb() {
        return rgb;
    }

    /**
     * Parses a comma-separated list of labels or families: {@code surgical_blue,KN95}, {@code surgical} (all four
     * surgical colours), {@code cloth}, {@code all}. Case does not matter.
     */
    public static List<MaskType> parseList(String spec) {
        if (spec == null || spec.isBlank() || spec.equalsIgnoreCase("all")) {
            return List.of(values());
        }
        java.util.LinkedHashSet<MaskType> out = new java.util.LinkedHashSet<>();
        for (String raw : spec.split(",")) {
            String s = raw.trim();
            boolean matched = false;
            for (MaskType t : values()) {
                if (t.label.equalsIgnoreCase(s) || t.name().equalsIgnoreCase(s)
                        || t.family.name().equalsIgnoreCase(s)) {
                    out.add(t);
                    matched = true;
                }
            }
            if (!matched) {
                throw new MfrException(ErrorCode.USAGE, "unknown mask type '" + s + "': use one of "
                        + Arrays.stream(values()).map(MaskType::label).toList()
                        + ", a family (surgical, cloth, n95, kn95) or all");
            }
        }
        return List.copyOf(out);
    }

    /** The type whose label is {@code label} (MFR2 spelling), or null for {@code no-mask} and unknown labels. */
    public static MaskType ofLabel(String label) {
        for (MaskType t : values()) {
            if (t.label.equalsIgnoreCase(label.trim())) {
                return t;
            }
        }
        return null;
    }
}
