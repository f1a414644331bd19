package mfr.train.dist;

import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.AllreduceOptions;
import org.bytedeco.pytorch.BroadcastOptions;
import org.bytedeco.pytorch.GlooDeviceVector;
import org.bytedeco.pytorch.ProcessGroupGloo;
import org.bytedeco.pytorch.ReduceOp;
import org.bytedeco.pytorch.TCPStore;
import org.bytedeco.pytorch.TCPStoreOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PyTorch's own c10d collectives on CPU: a {@code TCPStore} for rendezvous (rank 0 serves it on the master address)
 * and a {@code ProcessGroupGloo} whose device is bound to the host this worker reaches the master from.
 */
public final class GlooCollective implements Collective {
    private static final Logger LOG = LoggerFactory.getLogger(GlooCollective.class);

    private final int rank;
    private final int world;
    private final TCPStore store;
    private final ProcessGroupGloo group;

    private GlooCollective(int rank, int world, TCPStore store, ProcessGroupGloo group) {
        this.rank = rank;
        this.world = world;
        this.store = store;
        this.group = group;
    }

    /**
     * Joins the group: rank 0 listens on {@code masterHost:port}, the others connect to it. {@code localHost} is the
     * address Gloo binds to on this worker (127.0.0.1 on one machine).
     */
    public static GlooCollective join(DistEnv env, long timeoutMillis) {
        try {
            TCPStoreOptions opts = new TCPStoreOptions();
            opts.port((short) env.masterPort());
            opts.isServer(env.rank() == 0);
            SizeTPointer n = new SizeTPointer(1);
            n.put(env.worldSize());
            opts.numWorkers(n);
            opts.waitWorkers(true);
            opts.useLibUV(false);
            opts.timeout(new Milliseconds(timeoutMillis));
            TCPStore store = new TCPStore(env.masterHost(), opts);
            ProcessGroupGloo.Options o = ProcessGroupGloo.Options.create(new Milliseconds(timeoutMillis));
            o.devices(new GlooDeviceVector(ProcessGroupGloo.createDeviceForHostname(env.localHost())));
            o.threads(2);
            ProcessGroupGloo pg = new ProcessGroupGloo(store, env.rank(), env.worldSize(), o);
            LOG.info("rank {}/{} joined the Gloo group at {}:{}", env.rank(), env.worldSize(), env.masterHost(),
                    env.masterPort());
            return new GlooCollective(env.rank(), env.worldSize(), store, pg);
        } catch (RuntimeException e) {
            throw new MfrException(ErrorCode.IO, "rank " + env.rank() + " could not join the worker group at "
                    + env.masterHost() + ":" + env.masterPort() + " (" + e.getMessage() + "): check that every rank"
                    + " runs with the same --master and --workers and that the port is free", e);
        }
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int worldSize() {
        return world;
    }

    @Override
    public Tensor allGather(Tensor t) {
        Tensor in = t.contiguous();
        long[] shape = in.shape();
        shape[0] *= world;
        Tensor out = torch.empty(shape, new org.bytedeco.pytorch.TensorOptions().dtype(
                new org.bytedeco.pytorch.ScalarTypeOptional(in.scalar_type())), new org.bytedeco.pytorch.MemoryFormatOptional());
        group._allgather_base(out, in)._wait();
        return out;
    }

    @Override
    public void allReduceSum(Tensor t) {
        reduce(t, ReduceOp.RedOpType.SUM);
    }

    @Override
    public void allReduceMax(Tensor t) {
        reduce(t, ReduceOp.RedOpType.MAX);
    }

    private void reduce(Tensor t, ReduceOp.RedOpType op) {
        if (!t.is_contiguous()) {
            throw new IllegalArgumentException("all-reduce needs a contiguous tensor");
        }
        AllreduceOptions o = new AllreduceOptions();
        o.reduceOp(new ReduceOp(op));
        group.allreduce(new TensorVector(t), o)._wait();
    }

    @Override
    public void broadcast(Tensor t, int root) {
        BroadcastOptions o = new BroadcastOptions();
        o.rootRank(root);
        group.broadcast(new TensorVector(t), o)._wait();
    }

    @Override
    public void barrier() {
        group.barrier()._wait();
    }

    @Override
    public void close() {
        try {
            group.shutdown();
        } catch (RuntimeException e) {
            LOG.debug("Gloo shutdown: {}", e.getMessage());
        }
        store.close();
    }
}
