# case: YOLOv7 test-time adaptation (MEMO on detection): the model stays in eval mode, so Detect.forward decodes boxes by writing into its sigmoid output (`y[..., 0:2] = ...`, `y[..., 2:4] = ...`), and the marginal-entropy loss on those outputs is backpropagated
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
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()


torch.manual_seed(0)
model = Model(nc=2)
optimizer = torch.optim.SGD(model.parameters(), lr=1e-3)
image = torch.rand(3, 16, 16)
adapt_single(image, optimizer, 4, model)
