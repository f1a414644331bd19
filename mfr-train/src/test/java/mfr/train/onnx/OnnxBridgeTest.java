package mfr.train.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mfr.core.dataset.SharedData;
import mfr.core.error.MfrException;
import mfr.core.face.Embedding;
import mfr.core.face.Face;
import mfr.core.image.RgbImage;
import mfr.onnx.analyzer.AnalyzerConfig;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.model.DefaultModels;
import mfr.onnx.model.MfrHome;
import mfr.onnx.model.ModelInstaller;
import mfr.onnx.model.ModelManifest;
import mfr.onnx.model.ModelSpec;
import mfr.onnx.model.ModelTask;
import mfr.onnx.runtime.OnnxModel;
import mfr.onnx.runtime.OrtSettings;
import mfr.train.engine.HostTensors;
import mfr.train.engine.Torch;
import mfr.train.nn.Layer;
import mfr.train.nn.Network;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default embedder imported into libtorch, and a network exported back, against ONNX Runtime on real faces. */
class OnnxBridgeTest {
    private static FaceAnalyzer fa;
    private static List<RgbImage> crops;
    private static ModelSpec embedderSpec;

    @BeforeAll
    static void setUp() throws IOException {
        Torch.init(2);
        Path lfw = SharedData.dataset("lfw-deepfunneled").orElse(null);
        Assumptions.assumeTrue(lfw != null, SharedData.missingReason("lfw-deepfunneled"));
        ModelManifest m = new ModelInstaller(MfrHome.resolve()).ensureInstalled();
        embedderSpec = m.require(DefaultModels.EMBEDDER, ModelTask.EMBEDDER);
        fa = FaceAnalyzer.open(AnalyzerConfig.defaults().withOrt(OrtSettings.singleThread()));
        crops = new ArrayList<>();
        try (Stream<Path> people = Files.list(lfw)) {
            for (Path dir : people.filter(Files::isDirectory).sorted().limit(12).toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    Path img = files.filter(f -> f.toString().endsWith(".jpg")).sorted().findFirst().orElseThrow();
                    List<Face> faces = fa.analyze(fa.load(img));
                    if (!faces.isEmpty()) {
                        crops.add(faces.get(0).aligned());
                    }
                }
            }
        }
        assertThat(crops).hasSizeGreaterThanOrEqualTo(8);
    }

    @AfterAll
    static void tearDown() {
        if (fa != null) {
            fa.close();
        }
    }

    private static Path defaultModel() {
        return MfrHome.resolve().models().resolve(embedderSpec.file());
    }

    @Test
    void importsTheDefaultEmbedderWithItsStructureAndWeights() {
        OnnxGraph g = OnnxGraph.read(defaultModel());
        assertThat(g.opset()).isEqualTo(9);
        assertThat(g.nodes()).hasSize(96);
        assertThat(g.nodes().stream().filter(n -> n.opType().equals("Conv") && n.intAttr("group", 1) > 1)).hasSize(17);
        try (Network net = OnnxImporter.load(defaultModel())) {
            assertThat(net.params().trainableCount()).isBetween(1_150_000L, 1_250_000L);
            assertThat(net.nodes().stream().filter(n -> n.layer() instanceof Layer.PRelu)).hasSize(33);
            assertThat(net.nodes().stream().filter(n -> n.layer() instanceof Layer.Add)).hasSize(12);
        }
    }

    @Test
    void importedNetworkEmbedsRealFacesLikeOnnxRuntime() {
        try (Network net = OnnxImporter.load(defaultModel())) {
            double worst = worstDifference(net, fa.embedder().model());
            assertThat(worst).isLessThan(1e-4);
        }
    }

    @Test
    void exportedNetworkRoundTripsThroughOnnxRuntimeAndThePipeline(@TempDir Path tmp) throws IOException {
        Path exported = tmp.resolve("exported.onnx");
        try (Network net = OnnxImporter.load(defaultModel())) {
            OnnxExporter.write(net, exported);
            ModelSpec spec = new ModelSpec("exported", ModelTask.EMBEDDER, "exported.onnx", 112, 112,
                    embedderSpec.channelOrder(), embedderSpec.mean(), embedderSpec.std(), null, "test", "test", "");
            try (OnnxModel ort = OnnxModel.load(tmp, spec, OrtSettings.singleThread())) {
                assertThat(ort.dynamicBatch()).isTrue();
                assertThat(worstDifference(net, ort)).isLessThan(1e-4);
            }
        }
        // Registered into a models directory, the exported model serves the normal pipeline.
        MfrHome home = new MfrHome(tmp.resolve("home"));
        Files.createDirectories(home.models());
        for (ModelSpec s : DefaultModels.SPECS) {
            Files.copy(MfrHome.resolve().models().resolve(s.file()), home.models().resolve(s.file()));
        }
        Files.copy(MfrHome.resolve().models().resolve(ModelManifest.FILE), home.models().resolve(ModelManifest.FILE));
        ModelSpec registered = new ModelInstaller(home).register(exported, new ModelSpec("fr_feature_trained",
                ModelTask.EMBEDDER, "x.onnx", 112, 112, embedderSpec.channelOrder(), embedderSpec.mean(),
                embedderSpec.std(), null, "test", null, "exported by mfr-train"));
        try (FaceAnalyzer served = FaceAnalyzer.open(AnalyzerConfig.defaults().withHome(home)
                .withEmbedder(registered.id()).withOrt(OrtSettings.singleThread()))) {
            List<Embedding> a = served.embedAligned(crops);
            List<Embedding> b = fa.embedAligned(crops);
            for (int i = 0; i < crops.size(); i++) {
                double dot = 0;
                for (int k = 0; k < 512; k++) {
                    dot += a.get(i).vector()[k] * b.get(i).vector()[k];
                }
                assertThat(dot).isGreaterThan(0.99999);
                assertThat(a.get(i).modelId()).startsWith("fr_feature_trained:");
            }
        }
    }

    @Test
    void unsupportedOperatorIsNamed() {
        OnnxGraph g = OnnxGraph.read(defaultModel());
        List<OnnxNode> nodes = new ArrayList<>(g.nodes());
        OnnxNode first = nodes.get(0);
        nodes.set(0, new OnnxNode("weird", "LpPool", first.inputs(), first.outputs(), first.attributes()));
        OnnxGraph bad = new OnnxGraph(nodes, g.initializers(), g.input(), g.inputShape(), g.output(), 9, "t");
        assertThatThrownBy(() -> OnnxImporter.toNetwork(bad, "bad")).isInstanceOf(MfrException.class)
                .hasMessageContaining("LpPool").hasMessageContaining("PRelu");
    }

    /** Largest absolute difference between the network's raw outputs and ONNX Runtime's, over all crops. */
    private static double worstDifference(Network net, OnnxModel ort) {
        double worst = 0;
        for (RgbImage crop : crops) {
            float[] in = fa.embedder().prepare(crop);
            float[] expected = ort.run(in, ort.singleShape()).values().iterator().next();
            float[] actual;
            try (PointerScope scope = new PointerScope(); NoGradGuard ng = new NoGradGuard()) {
                Tensor out = net.forward(HostTensors.floats(in, 1, 3, 112, 112), false);
                actual = HostTensors.toFloats(out);
            }
            assertThat(actual).hasSize(expected.length);
            for (int i = 0; i < actual.length; i++) {
                worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
            }
        }
        return worst;
    }
}
