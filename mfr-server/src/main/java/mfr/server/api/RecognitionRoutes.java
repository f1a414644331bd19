package mfr.server.api;

import static mfr.server.api.ApiRoute.Access.ANY_KEY;
import static mfr.server.api.ApiRoute.Access.COLLECTION;
import static mfr.server.api.ApiRoute.Body.IMAGE;
import static mfr.server.api.ApiRoute.Body.TWO_IMAGES;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.face.Face;
import mfr.server.recognition.AnalyzedImage;
import mfr.server.recognition.OperatingPoint;
import mfr.server.recognition.OperatingPoints;
import mfr.store.index.GalleryIndex;
import mfr.store.index.SubjectHit;

/** detect, verify (1:1) and identify (1:N). */
final class RecognitionRoutes {
    private final Services s;

    RecognitionRoutes(Services s) {
        this.s = s;
    }

    List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(HandlerType.POST, "/api/v1/detect", "Faces of an image: boxes, scores, 5 landmarks",
                        ANY_KEY, null, IMAGE, 200, this::detect),
                new ApiRoute(HandlerType.POST, "/api/v1/verify", "Are the main faces of 'image1' and 'image2' the same "
                        + "person? ?operatingPoint=far-1e-4; when either face is masked (maskProbability >= 0.5) the "
                        + "masked point of that name decides (see masked, operatingPoint.set)", ANY_KEY, "verify",
                        TWO_IMAGES, 200, this::verifyImages),
                new ApiRoute(HandlerType.POST, "/api/v1/collections/{collection}/subjects/{subject}/verify", "Is the main"
                        + " face of the image this subject? (best of the subject's faces; a masked face is decided at"
                        + " the masked operating point)", COLLECTION, "verify", IMAGE, 200, this::verifySubject),
                new ApiRoute(HandlerType.POST, "/api/v1/collections/{collection}/identify", "Every face of the image "
                        + "against the collection: top-k subjects (?k=3) and a decision, a subject or \"unknown\", at "
                        + "the operating point (?operatingPoint=far-1e-4); each face says whether it was masked and "
                        + "which point decided it", COLLECTION, "identify", IMAGE, 200, this::identify));
    }

    private void detect(Context ctx) {
        AnalyzedImage img = s.recognizer().locate(Uploads.image(ctx, "image", s.maxUploadBytes()), "image");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", img.width());
        m.put("height", img.height());
        m.put("faces", img.faces().stream().map(f -> Views.face(f, img.scale())).toList());
        ctx.json(m);
    }

    private void verifyImages(Context ctx) {
        s.operatingPoint(ctx); // an unknown point is refused before the images are analysed
        Face a = s.recognizer().mainFace(Uploads.image(ctx, "image1", s.maxUploadBytes()), "image1");
        Face b = s.recognizer().mainFace(Uploads.image(ctx, "image2", s.maxUploadBytes()), "image2");
        OperatingPoints.Choice op = s.operatingPoint(ctx, a, b);
        double sim = a.embedding().similarity(b.embedding());
        boolean same = sim >= op.point().threshold();
        Services.outcome(ctx, same ? "same" : "different", null);
        Map<String, Object> m = verdict(sim, op, same ? "same" : "different");
        m.put("maskProbabilities", java.util.Arrays.asList(maskProbability(a), maskProbability(b)));
        ctx.json(m);
    }

    private static Double maskProbability(Face f) {
        return f.maskKnown() ? Views.r4(f.maskProbability()) : null;
    }

    private void verifySubject(Context ctx) {
        String c = ctx.pathParam("collection");
        String subject = ctx.pathParam("subject");
        s.operatingPoint(ctx);
        if (s.store().subject(c, subject).isEmpty()) {
            throw new MfrException(ErrorCode.NOT_FOUND, "no subject '" + subject + "' in collection '" + c + "'");
        }
        Face f = s.recognizer().mainFace(Uploads.image(ctx, "image", s.maxUploadBytes()), "image");
        GalleryIndex g = s.galleries().of(c);
        Float best = g.bestOf(subject, f.embedding().vector());
        if (best == null) {
            throw new MfrException(ErrorCode.NOT_FOUND, "subject '" + subject + "' has no face of model "
                    + s.recognizer().modelId() + "; enroll one first");
        }
        OperatingPoints.Choice op = s.operatingPoint(ctx, f);
        boolean match = best >= op.point().threshold();
        Services.outcome(ctx, match ? "match" : "no-match", subject);
        Map<String, Object> m = verdict(best, op, match ? "match" : "no-match");
        m.put("maskProbability", maskProbability(f));
        m.put("subject", subject);
        ctx.json(m);
    }

    private void identify(Context ctx) {
        String c = ctx.pathParam("collection");
        OperatingPoint op = s.operatingPoint(ctx);
        int k = Services.intParam(ctx, "k", 3, 1, 100);
        if (s.store().collection(c).isEmpty()) {
            throw new MfrException(ErrorCode.NOT_FOUND, "no collection '" + c + "'");
        }
        AnalyzedImage img = s.recognizer().analyze(Uploads.image(ctx, "image", s.maxUploadBytes()), "image");
        GalleryIndex g = s.galleries().of(c);
        List<Map<String, Object>> faces = new ArrayList<>();
        int matched = 0;
        for (Face f : img.faces()) {
            List<SubjectHit> hits = g.search(f.embedding().vector(), k);
            Map<String, Object> m = Views.face(f, img.scale());
            m.put("candidates", hits.stream().map(h -> {
                Map<String, Object> hm = new LinkedHashMap<>();
                hm.put("subject", h.subject());
                hm.put("similarity", Views.r4(h.similarity()));
                hm.put("faceId", h.templateId());
                return hm;
            }).toList());
            OperatingPoints.Choice fop = s.operatingPoint(ctx, f);
            boolean known = !hits.isEmpty() && hits.get(0).similarity() >= fop.point().threshold();
            m.put("decision", known ? hits.get(0).subject() : "unknown");
            m.put("masked", fop.masked());
            m.put("operatingPoint", Views.point(fop));
            matched += known ? 1 : 0;
            faces.add(m);
        }
        Services.outcome(ctx, img.faces().isEmpty() ? "no-face" : matched > 0 ? "match" : "unknown", null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", s.recognizer().modelId());
        out.put("operatingPoint", Views.point(op));
        out.put("searched", Map.of("faces", g.size(), "index", g.kind()));
        out.put("width", img.width());
        out.put("height", img.height());
        out.put("faces", faces);
        ctx.json(out);
    }

    private Map<String, Object> verdict(double sim, OperatingPoints.Choice op, String decision) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", s.recognizer().modelId());
        m.put("similarity", Views.r4(sim));
        m.put("operatingPoint", Views.point(op));
        m.put("masked", op.masked());
        m.put("decision", decision);
        return m;
    }
}
