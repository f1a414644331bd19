# The PyTorch side of 'mfr train-bench step': one training step of insightface's MobileFaceNet ("mbf": blocks
# (1,4,6,2), scale 2, 512-d) with an ArcFace full-FC head and SGD, timed exactly like the Java side.
# Usage: python3 torch_step.py BATCH CLASSES THREADS WARMUP STEPS  -> one JSON line on stdout.
import json
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

batch, classes, threads, warmup, steps = (int(a) for a in sys.argv[1:6])
torch.set_num_threads(threads)
torch.manual_seed(0)


def conv_block(cin, cout, k, s, p, groups, act=True):
    layers = [nn.Conv2d(cin, cout, k, s, p, groups=groups, bias=False), nn.BatchNorm2d(cout)]
    if act:
        layers.append(nn.PReLU(cout))
    return nn.Sequential(*layers)


class DepthWise(nn.Module):
    def __init__(self, cin, cout, stride, groups, residual):
        super().__init__()
        self.residual = residual
        self.body = nn.Sequential(conv_block(cin, groups, 1, 1, 0, 1), conv_block(groups, groups, 3, stride, 1, groups),
                                  conv_block(groups, cout, 1, 1, 0, 1, act=False))

    def forward(self, x):
        y = self.body(x)
        return x + y if self.residual else y


def mbf(blocks=(1, 4, 6, 2), scale=2, emb=512):
    c64, c128 = 64 * scale, 128 * scale
    layers = [conv_block(3, c64, 3, 2, 1, 1)]
    layers.append(conv_block(c64, c64, 3, 1, 1, 64) if blocks[0] == 1 else nn.Identity())
    layers.append(DepthWise(c64, c64, 2, 128, False))
    layers += [DepthWise(c64, c64, 1, 128, True) for _ in range(blocks[1])]
    layers.append(DepthWise(c64, c128, 2, 256, False))
    layers += [DepthWise(c128, c128, 1, 256, True) for _ in range(blocks[2])]
    layers.append(DepthWise(c128, c128, 2, 512, False))
    layers += [DepthWise(c128, c128, 1, 256, True) for _ in range(blocks[3])]
    layers.append(conv_block(c128, 512, 1, 1, 0, 1))
    layers += [conv_block(512, 512, 7, 1, 0, 512, act=False), nn.Flatten(), nn.Linear(512, emb, bias=False),
               nn.BatchNorm1d(emb)]
    return nn.Sequential(*layers)


net = mbf()
centres = nn.Parameter(torch.normal(0, 0.01, (classes, 512)))
opt = torch.optim.SGD(list(net.parameters()) + [centres], lr=0.1, momentum=0.9, weight_decay=5e-4)
x = torch.randn(batch, 3, 112, 112)
y = torch.randint(0, classes, (batch,))
s, m = 64.0, 0.5
times, fwd, bwd, cpu = [], [], [], []
for i in range(warmup + steps):
    c0 = time.process_time()
    t0 = time.perf_counter()
    emb = net(x)
    cos = F.linear(F.normalize(emb), F.normalize(centres)).clamp(-1, 1)
    target = cos.gather(1, y[:, None])
    theta = torch.acos(target.clamp(-1 + 1e-7, 1 - 1e-7))
    margined = torch.where(target > torch.cos(torch.tensor(torch.pi - m)), torch.cos(theta + m),
                           target - torch.sin(torch.tensor(torch.pi - m)) * m)
    logits = cos.scatter(1, y[:, None], margined) * s
    loss = F.cross_entropy(logits, y)
    t1 = time.perf_counter()
    opt.zero_grad(set_to_none=False)
    loss.backward()
    t2 = time.perf_counter()
    torch.nn.utils.clip_grad_norm_(net.parameters(), 5)
    opt.step()
    t3 = time.perf_counter()
    c1 = time.process_time()
    if i >= warmup:
        cpu.append((c1 - c0) * 1000)
        times.append((t3 - t0) * 1000)
        fwd.append((t1 - t0) * 1000)
        bwd.append((t2 - t1) * 1000)
print(json.dumps({"engine": "pytorch " + torch.__version__, "threads": torch.get_num_threads(),
                  "stepMs": statistics.median(times), "forwardMs": statistics.median(fwd),
                  "backwardMs": statistics.median(bwd), "steps": times,
                  "cpuMs": statistics.median(cpu), "cpuSteps": cpu}))
