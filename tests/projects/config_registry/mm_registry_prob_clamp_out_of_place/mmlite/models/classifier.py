from torch import nn

from .builder import CLASSIFIERS, build_backbone, build_head, build_neck


@CLASSIFIERS.register_module()
class ImageClassifier(nn.Module):
    def __init__(self, backbone, neck=None, head=None):
        super().__init__()
        self.backbone = build_backbone(backbone)
        self.neck = build_neck(neck) if neck is not None else None
        self.head = build_head(head, in_channels=backbone["width"])

    def forward(self, img):
        x = self.backbone(img)
        if self.neck is not None:
            x = self.neck(x)
        return self.head(x)
