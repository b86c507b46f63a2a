# The same reference models in PyTorch, as the yardstick for `npm run bench -- --compare-torch`.
# Prints one JSON object: {model: {trainSamplesPerSec, inferenceSamplesPerSec}}.
import json
import sys
import time

import torch
from torch import nn

threads = int(sys.argv[1])
samples = json.loads(sys.argv[2])
torch.set_num_threads(threads)
torch.manual_seed(0)


class Attention(nn.Module):
    def __init__(self, dim=64, heads=4):
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v, self.o = (nn.Linear(dim, dim, bias=False) for _ in range(4))

    def forward(self, x):
        b, n, d = x.shape
        h = self.heads
        split = lambda t: t.view(b, n, h, d // h).transpose(1, 2)
        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        scores = torch.softmax(q @ k.transpose(-1, -2) / (d // h) ** 0.5, dim=-1)
        return self.o((scores @ v).transpose(1, 2).reshape(b, n, d))


class Transformer(nn.Module):
    def __init__(self):
        super().__init__()
        self.attn, self.n1, self.n2 = Attention(), nn.LayerNorm(64), nn.LayerNorm(64)
        self.ff = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 64))
        self.head = nn.Linear(64, 10)

    def forward(self, x):
        x = self.n1(x + self.attn(x))
        x = self.n2(x + self.ff(x))
        return self.head(x.mean(1))


class Lstm(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb, self.lstm, self.head = nn.Embedding(10000, 64), nn.LSTM(64, 64, batch_first=True), nn.Linear(64, 1)

    def forward(self, x):
        _, (h, _) = self.lstm(self.emb(x))
        return self.head(h[-1])


def models():
    yield "mlp", nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)), 64, lambda n: torch.rand(n, 784), lambda n: torch.randint(0, 10, (n,)), nn.CrossEntropyLoss()
    cnn = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Flatten(), nn.Linear(64 * 5 * 5, 64), nn.ReLU(), nn.Linear(64, 10))
    yield "cnn", cnn, 64, lambda n: torch.rand(n, 1, 28, 28), lambda n: torch.randint(0, 10, (n,)), nn.CrossEntropyLoss()
    yield "lstm", Lstm(), 64, lambda n: torch.randint(0, 10000, (n, 100)), lambda n: torch.randint(0, 2, (n, 1)).float(), nn.BCEWithLogitsLoss()
    yield "transformer", Transformer(), 32, lambda n: torch.randn(n, 64, 64), lambda n: torch.randint(0, 10, (n,)), nn.CrossEntropyLoss()


result = {}
for name, model, batch, make_x, make_y, loss_fn in models():
    if name not in samples:
        continue
    opt = torch.optim.Adam(model.parameters())
    steps = max(1, samples[name] // batch)
    xs, ys = make_x(batch), make_y(batch)
    for step in range(steps + 1):
        if step == 1:
            start = time.perf_counter()
        opt.zero_grad()
        loss_fn(model(xs), ys).backward()
        opt.step()
    train = steps * batch / (time.perf_counter() - start)
    with torch.no_grad():
        x = make_x(1000)
        model(x)
        start = time.perf_counter()
        for _ in range(2):
            model(x)
        infer = 2000 / (time.perf_counter() - start)
    result[name] = {"trainSamplesPerSec": round(train, 1), "inferenceSamplesPerSec": round(infer, 1)}
print(json.dumps(result))
