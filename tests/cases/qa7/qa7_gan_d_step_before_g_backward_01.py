# case: GAN step: lossD.backward(retain_graph=True), optimD.step() updates D in place, then lossG.backward() goes back through the D forward that saved the old weights
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
d = D(g)  # saver
lossD = criterion(D(real), ones) + criterion(d, zeros)
optimD.zero_grad()
lossD.backward(retain_graph=True)
optimD.step()  # expect: GG002

lossG = criterion(d, ones)
optimG.zero_grad()
lossG.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
optimG.step()
