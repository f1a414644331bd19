package mfr.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mfr.core.dataset.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web page in headless Chromium: a key, a collection, enroll from a file, identify from a file and from the
 * (fake) webcam; checks what the page shows, and leaves a screenshot in target/web-page.png.
 */
class WebPageTest {
    @TempDir
    Path dir;

    @Test
    void enrollAndIdentifyFromThePage() throws Exception {
        Assumptions.assumeTrue(Chromium.binary() != null,
                "Chromium not installed: apt-get install -y chromium (.ci/run installs it)");
        Path lfw = SharedData.dataset("lfw-deepfunneled").orElse(null);
        Assumptions.assumeTrue(lfw != null, SharedData.missingReason("lfw-deepfunneled"));
        List<LfwPeople.Person> people = LfwPeople.withAtLeast(lfw, 4, 3);
        Files.createDirectories(dir.resolve("profile"));
        try (TestServer server = TestServer.start(dir)) {
            Http http = server.http;
            http.postJson("/api/v1/collections", server.adminKey, Map.of("name", "front-desk"));
            // two people enrolled through the API; the third through the page
            for (LfwPeople.Person p : people.subList(0, 2)) {
                http.postRaw("/api/v1/collections/front-desk/subjects/" + p.name() + "/faces", server.adminKey,
                        "image/jpeg", LfwPeople.read(p.photos().get(0)));
            }
            LfwPeople.Person who = people.get(2);
            Path webcam = FakeWebcam.write(who.photos().get(3), dir.resolve("webcam.y4m"), 640, 480, 30);
            try (Chromium browser = new Chromium(dir.resolve("profile"), webcam, 1280, 900)) {
                browser.navigate(server.app.url());
                assertThat(browser.eval("document.title")).contains("mfr");
                browser.eval("document.getElementById('key').value = '" + server.adminKey + "'");
                browser.click("use-key");
                browser.waitUntil("document.getElementById('collection').options.length > 0", 20_000);
                assertThat(browser.eval("document.getElementById('collection').value")).isEqualTo("front-desk");
                assertThat(browser.eval("document.getElementById('who').textContent")).isEqualTo("admin key");

                browser.eval("document.getElementById('subject').value = '" + who.name() + "'");
                browser.setFile("enroll-file", who.photos().get(0));
                browser.click("enroll");
                browser.waitUntil("document.getElementById('status').textContent.startsWith('Enrolled')", 60_000);
                browser.waitUntil("document.querySelectorAll('#subjects tbody tr').length === 3", 20_000);

                browser.setFile("identify-file", who.photos().get(1));
                browser.click("identify");
                browser.waitUntil("document.querySelectorAll('#decisions tbody tr').length > 0", 60_000);
                assertThat(browser.eval("document.querySelector('#decisions tbody tr td:nth-child(2)').textContent"))
                        .isEqualTo(who.name());
                assertThat(browser.eval("document.getElementById('status').className")).isEqualTo("ok");
                assertThat(browser.eval("document.getElementById('picture').width")).isEqualTo("250");

                // the webcam (Chromium's fake camera playing another photo of the same person)
                browser.click("webcam");
                browser.waitUntil("document.getElementById('video').videoWidth > 0", 20_000);
                browser.eval("document.querySelector('#decisions tbody').innerHTML = ''");
                browser.click("snap-identify");
                browser.waitUntil("document.querySelectorAll('#decisions tbody tr').length > 0", 60_000);
                assertThat(browser.eval("document.querySelector('#decisions tbody tr td:nth-child(2)').textContent"))
                        .isEqualTo(who.name());
                assertThat(browser.eval("document.getElementById('picture').width")).isEqualTo("640");
                Path shot = Path.of("target", "web-page.png");
                browser.screenshot(shot);
                assertThat(Files.size(shot)).isGreaterThan(10_000);

                // an error is shown as the API's message
                browser.eval("document.getElementById('subject').value = ''");
                browser.click("enroll");
                browser.waitUntil("document.getElementById('status').className === 'error'", 10_000);
            }
        }
    }
}
