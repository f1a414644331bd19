package mfr.server.api;

import io.javalin.http.Context;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.server.auth.ApiKeys;
import mfr.server.auth.Caller;
import mfr.server.metrics.Metrics;
import mfr.server.recognition.Galleries;
import mfr.core.face.Face;
import mfr.server.recognition.OperatingPoint;
import mfr.server.recognition.OperatingPoints;
import mfr.server.recognition.Recognizer;
import mfr.store.audit.AuditLog;
import mfr.store.template.TemplateStore;

/**
 * What the handlers use, wired once by {@code App}.
 *
 * @param maxUploadBytes largest image accepted in one field
 */
public record Services(TemplateStore store, ApiKeys keys, AuditLog audit, Recognizer recognizer, Galleries galleries,
                       OperatingPoints operatingPoints, Metrics metrics, long maxUploadBytes) {
    static final String CALLER = "mfr.caller";
    static final String OUTCOME = "mfr.outcome";
    static final String TARGET = "mfr.target";

    static Caller caller(Context ctx) {
        Caller c = ctx.attribute(CALLER);
        if (c == null) {
            throw new MfrException(ErrorCode.UNAUTHORIZED, "no API key");
        }
        return c;
    }

    static void outcome(Context ctx, String outcome, String target) {
        ctx.attribute(OUTCOME, outcome);
        if (target != null) {
            ctx.attribute(TARGET, target);
        }
    }

    /** The operating point a request asks for ({@code ?operatingPoint=far-1e-4}), or the model's default. */
    OperatingPoint operatingPoint(Context ctx) {
        return operatingPoints.pick(ctx.queryParam("operatingPoint"));
    }

    /**
     * The operating point that decides for these probes: the requested (or default) point, its masked version when a
     * probe is masked (mask probability at or above {@link OperatingPoints#MASKED_PROBABILITY}; never without the mask
     * classifier, whose probability is then unknown).
     */
    OperatingPoints.Choice operatingPoint(Context ctx, Face... probes) {
        boolean masked = false;
        for (Face f : probes) {
            masked |= masked(f);
        }
        return operatingPoints.choose(ctx.queryParam("operatingPoint"), masked);
    }

    static boolean masked(Face f) {
        return f.maskKnown() && f.maskProbability() >= OperatingPoints.MASKED_PROBABILITY;
    }

    static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min || i > max) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new MfrException(ErrorCode.USAGE, "query parameter '" + name + "' must be an integer from " + min
                    + " to " + max);
        }
    }
}
