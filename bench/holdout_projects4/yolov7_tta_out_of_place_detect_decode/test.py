# case: the same test-time adaptation with the out-of-place Detect decode of later YOLO heads (`xy, wh, conf = x[i].sigmoid().split(...)`, new tensors concatenated): the sigmoid output is only read
# source: https://github.com/WongKinYiu/yolov7/issues/1935
import torch

from models.yolo import Model
from utils.tta import augment_batch, marginal_entropy


def adapt_single(image, optimizer, batch_size, model):
    model.eval()
    inputs = augment_batch(image, n_aug=batch_size)
    optimizer.zero_grad()
    outputs, train_output = model(inputs)
    loss = marginal_entropy(outputs)
    loss.backward()
    optimizer.step()


torch.manual_seed(0)
model = Model(nc=2)
optimizer = torch.optim.SGD(model.parameters(), lr=1e-3)
image = torch.rand(3, 16, 16)
adapt_single(image, optimizer, 4, model)
