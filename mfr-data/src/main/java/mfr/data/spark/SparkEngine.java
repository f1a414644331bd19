package mfr.data.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mfr.data.clean.CleanConfig;
import mfr.data.clean.CleaningEngine;
import mfr.data.clean.IdentityCleaner;
import mfr.data.clean.SampleStatus;
import mfr.data.index.CoarseQuantizer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * The Apache Spark engine ({@code local[*]} by default, any master by configuration): identities are cleaned in
 * parallel on the executors, and the neighbour search over centres runs per coarse cell. It calls the same functions
 * as {@link mfr.data.clean.LocalEngine}, so results are identical for the same input.
 *
 * <p>The driver holds the embedding set and the centres (a few million 512-d vectors fit one driver); the work is
 * distributed, the input is not yet read from distributed storage.
 */
public final class SparkEngine implements CleaningEngine {
    private final JavaSparkContext sc;
    private final int partitions;

    public SparkEngine(String master) {
        SparkConf conf = new SparkConf().setAppName("mfr-clean").setMaster(master)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryoserializer.buffer.max", "512m")
                .set("spark.driver.maxResultSize", "4g");
        this.sc = new JavaSparkContext(conf);
        this.sc.setLogLevel("WARN");
        this.partitions = Math.max(2, sc.defaultParallelism() * 4);
    }

    @Override
    public String name() {
        return "spark[" + sc.master() + "]";
    }

    @Override
    public List<SampleStatus[]> cleanIdentities(List<float[][]> identities, CleanConfig config) {
        List<Tuple2<Integer, float[][]>> indexed = new ArrayList<>(identities.size());
        for (int i = 0; i < identities.size(); i++) {
            indexed.add(new Tuple2<>(i, identities.get(i)));
        }
        List<Tuple2<Integer, int[]>> results = sc.parallelize(indexed, partitions)
                .map(t -> new Tuple2<>(t._1(), ordinals(IdentityCleaner.clean(t._2(), config))))
                .collect();
        SampleStatus[][] out = new SampleStatus[identities.size()][];
        SampleStatus[] values = SampleStatus.values();
        for (Tuple2<Integer, int[]> r : results) {
            int[] o = r._2();
            SampleStatus[] s = new SampleStatus[o.length];
            for (int k = 0; k < o.length; k++) {
                s[k] = values[o[k]];
            }
            out[r._1()] = s;
        }
        return Arrays.asList(out);
    }

    private static int[] ordinals(SampleStatus[] s) {
        int[] o = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            o[i] = s[i].ordinal();
        }
        return o;
    }

    @Override
    public long[] candidatePairs(float[][] centres, CoarseQuantizer quantizer, int nprobe, double threshold) {
        Broadcast<float[][]> bc = sc.broadcast(centres);
        Broadcast<CoarseQuantizer> bq = sc.broadcast(quantizer);
        List<Integer> ids = new ArrayList<>(centres.length);
        for (int i = 0; i < centres.length; i++) {
            ids.add(i);
        }
        JavaRDD<Integer> rdd = sc.parallelize(ids, partitions);
        List<long[]> perCell = rdd
                .flatMapToPair(i -> {
                    int[] cells = bq.value().assign(bc.value()[i], nprobe);
                    List<Tuple2<Integer, Integer>> out = new ArrayList<>(cells.length);
                    for (int c : cells) {
                        out.add(new Tuple2<>(c, i));
                    }
                    return out.iterator();
                })
                .groupByKey(partitions)
                .map(cell -> {
                    List<Integer> m = new ArrayList<>();
                    cell._2().forEach(m::add);
                    int[] members = m.stream().mapToInt(Integer::intValue).sorted().toArray();
                    return CleaningEngine.pairsInCell(members, bc.value(), threshold);
                })
                .collect();
        bc.destroy();
        bq.destroy();
        return perCell.stream().flatMapToLong(Arrays::stream).sorted().distinct().toArray();
    }

    @Override
    public void close() {
        sc.close();
    }
}
