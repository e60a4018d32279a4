# case: yolov5_prune_sfp's weights/copy_weight.py builds the repository's re-written `Model` to copy yolov5l weights into it; the constructor's `_initialize_biases` (model.py) views each Detect conv bias as (anchors, outputs) and adds the objectness/class priors to that view in place without `torch.no_grad()`, an in-place write to a view of a leaf that requires grad (the error at model construction)
# source: https://github.com/xhwNobody/yolov5_prune_sfp/issues/17
# pythonpath: .
import io

import torch

from hub import load_checkpoint
from model import Model

torch.manual_seed(0)

model_dst = Model(nc=3)
model_dst_dict = model_dst.state_dict()
model_dst.load_state_dict(model_dst_dict)

model_src_dict = load_checkpoint(model_dst)["model"]

model_dst_dict_list = list(model_dst_dict)

for ind, (key, value) in enumerate(model_src_dict.items()):
    model_dst_dict[model_dst_dict_list[ind]] = value

model_dst.load_state_dict(model_dst_dict)
model_dst.info()
ckpt = {"epoch": -1, "best_fitness": None, "training_results": None, "model": model_dst, "optimizer": None}
buffer = io.BytesIO()
torch.save(ckpt, buffer)
print("saved pretrained checkpoint: %d bytes" % buffer.tell())
