package mfr.store.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collections, their subjects and the subjects' templates. Every template records the model that made it, and
 * {@link #vectors} returns the templates of one model only, so vectors of different models are never compared.
 * Names are case-sensitive; a missing collection, subject or template is {@code NOT_FOUND}, a duplicate name
 * {@code CONFLICT}. Every method is atomic: a failure leaves nothing half-written.
 */
public interface TemplateStore {
    FaceCollection createCollection(String name, boolean storePhotos);

    List<FaceCollection> collections();

    Optional<FaceCollection> collection(String name);

    /** Removes the collection with its subjects, templates, photos and keys. */
    void deleteCollection(String name);

    Subject createSubject(String collection, String name);

    List<Subject> subjects(String collection);

    Optional<Subject> subject(String collection, String name);

    /** Removes the subject with its templates and photos, in one transaction; returns how many templates went. */
    int deleteSubject(String collection, String name);

    /**
     * Adds a template to a subject, creating the subject first when {@code createSubject} is true. The photo is
     * stored only when the collection stores photos.
     */
    TemplateInfo addTemplate(String collection, String subject, NewTemplate template, boolean createSubject);

    List<TemplateInfo> templates(String collection, String subject);

    /** Removes one template (and its photo); returns the subject it belonged to. */
    String deleteTemplate(String collection, long templateId);

    Optional<byte[]> photo(String collection, long templateId);

    /** All vectors of one model in a collection, each checked against its stored checksum. */
    List<StoredVector> vectors(String collection, String modelId);

    /** Template count per collection name. */
    Map<String, Integer> templateCounts();
}
