package mfr.server.api;

import static mfr.server.api.ApiRoute.Access.COLLECTION;
import static mfr.server.api.ApiRoute.Body.IMAGE;
import static mfr.server.api.ApiRoute.Body.JSON;
import static mfr.server.api.ApiRoute.Body.NONE;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.face.Face;
import mfr.server.recognition.AnalyzedImage;
import mfr.store.template.NewTemplate;
import mfr.store.template.Subject;
import mfr.store.template.TemplateInfo;

/** Subjects of a collection and their faces (templates): create, list, enroll, delete. */
final class SubjectRoutes {
    private static final String BASE = "/api/v1/collections/{collection}";
    private final Services s;

    SubjectRoutes(Services s) {
        this.s = s;
    }

    List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(HandlerType.POST, BASE + "/subjects", "Create a subject. Body: {name}", COLLECTION,
                        "create-subject", JSON, 201, this::create),
                new ApiRoute(HandlerType.GET, BASE + "/subjects", "List subjects with their face counts", COLLECTION,
                        null, NONE, 200, this::list),
                new ApiRoute(HandlerType.DELETE, BASE + "/subjects/{subject}", "Delete a subject with its faces and "
                        + "photos, in one transaction", COLLECTION, "delete-subject", NONE, 200, this::delete),
                new ApiRoute(HandlerType.POST, BASE + "/subjects/{subject}/faces", "Enroll the main face of an image "
                        + "(multipart field 'image', JSON {image: base64}, or a raw image body); ?create=false refuses "
                        + "an unknown subject", COLLECTION, "enroll", IMAGE, 201, this::enroll),
                new ApiRoute(HandlerType.GET, BASE + "/subjects/{subject}/faces", "List a subject's faces (never "
                        + "their vectors)", COLLECTION, null, NONE, 200, this::faces),
                new ApiRoute(HandlerType.DELETE, BASE + "/faces/{faceId}", "Delete one face (and its photo)",
                        COLLECTION, "delete-face", NONE, 200, this::deleteFace),
                new ApiRoute(HandlerType.GET, BASE + "/faces/{faceId}/photo", "The enrolled photo, when the "
                        + "collection stores photos", COLLECTION, null, NONE, 200, this::photo));
    }

    private void create(Context ctx) {
        String c = ctx.pathParam("collection");
        String name = Bodies.name(Bodies.text(ctx, "name", true), "subject");
        Subject sub = s.store().createSubject(c, name);
        Services.outcome(ctx, "ok", name);
        ctx.status(201).json(Views.subject(sub));
    }

    private void list(Context ctx) {
        ctx.json(Map.of("subjects", s.store().subjects(ctx.pathParam("collection")).stream().map(Views::subject).toList()));
    }

    private void delete(Context ctx) {
        String c = ctx.pathParam("collection");
        String subject = ctx.pathParam("subject");
        Services.outcome(ctx, "error", subject);
        int n = s.store().deleteSubject(c, subject);
        s.galleries().removedSubject(c, subject);
        Services.outcome(ctx, "ok", subject);
        ctx.json(Map.of("deleted", subject, "faces", n));
    }

    private void enroll(Context ctx) {
        String c = ctx.pathParam("collection");
        String subject = Bodies.name(ctx.pathParam("subject"), "subject");
        Services.outcome(ctx, "error", subject);
        boolean create = !"false".equalsIgnoreCase(ctx.queryParam("create"));
        if (s.store().collection(c).isEmpty()) {
            throw new MfrException(ErrorCode.NOT_FOUND, "no collection '" + c + "'");
        }
        byte[] bytes = Uploads.image(ctx, "image", s.maxUploadBytes());
        AnalyzedImage img = s.recognizer().analyze(bytes, "image");
        Face face = img.mainFace();
        if (face == null) {
            throw new MfrException(ErrorCode.NO_FACE, "no face found in the image; enroll a photo with one clear face");
        }
        String type = ctx.contentType() != null && ctx.contentType().startsWith("image/") ? ctx.contentType() : null;
        TemplateInfo t = s.store().addTemplate(c, subject, new NewTemplate(face.embedding().modelId(),
                face.embedding().vector(), face.score(), bytes, type), create);
        s.galleries().added(c, t.id(), subject, face.embedding().vector());
        Services.outcome(ctx, "ok", subject);
        Map<String, Object> m = Views.template(t);
        m.put("face", Views.face(face, img.scale()));
        m.put("facesInImage", img.faces().size());
        ctx.status(201).json(m);
    }

    private void faces(Context ctx) {
        ctx.json(Map.of("faces", s.store().templates(ctx.pathParam("collection"), ctx.pathParam("subject")).stream()
                .map(Views::template).toList()));
    }

    private void deleteFace(Context ctx) {
        String c = ctx.pathParam("collection");
        long id = faceId(ctx);
        String subject = s.store().deleteTemplate(c, id);
        s.galleries().removedTemplate(c, id);
        Services.outcome(ctx, "ok", String.valueOf(id));
        ctx.json(Map.of("deleted", id, "subject", subject));
    }

    private void photo(Context ctx) {
        byte[] p = s.store().photo(ctx.pathParam("collection"), faceId(ctx)).orElseThrow(() -> new MfrException(
                ErrorCode.NOT_FOUND, "no photo for that face: the collection does not store photos, or no such face"));
        ctx.contentType("application/octet-stream").result(p);
    }

    private static long faceId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("faceId"));
        } catch (NumberFormatException e) {
            throw new MfrException(ErrorCode.USAGE, "face id must be a number");
        }
    }
}
