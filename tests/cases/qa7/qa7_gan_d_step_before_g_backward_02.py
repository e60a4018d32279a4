# case: clean twin: after optimD.step() the graph for lossG is built again (d = D(g) recomputed with the updated D)
# source: https://blog.csdn.net/odbej/article/details/125158288
import torch
import torch.nn as nn

G = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 4))
D = nn.Sequential(nn.Linear(4, 8), nn.LeakyReLU(0.2), nn.Linear(8, 1), nn.Sigmoid())
optimG = torch.optim.SGD(G.parameters(), lr=0.01)
optimD = torch.optim.SGD(D.parameters(), lr=0.01)
criterion = nn.BCELoss()

real = torch.randn(6, 4)
t = torch.randn(6, 4)
ones = torch.ones(6, 1)
zeros = torch.zeros(6, 1)

g = G(t)
d = D(g.detach())
lossD = criterion(D(real), ones) + criterion(d, zeros)
optimD.zero_grad()
lossD.backward()
optimD.step()

d = D(g)
lossG = criterion(d, ones)
optimG.zero_grad()
lossG.backward()
optimG.step()
