# case: paste_masks_in_image iterates over a zero buffer (for m, b, im in zip(mask, box, im_mask)) and writes im[y1:y2, x1:x2] = m[...] with m requiring grad; torch 2.13 (like the user's version) words it "A view was created in no_grad mode ... output of a function that returns multiple views"
# source: https://github.com/Okery/PyTorch-Simple-MaskRCNN/issues/15
import torch
import torch.nn.functional as F


def paste_masks_in_image(mask, box, image_shape):
    N = mask.shape[0]
    size = (N,) + tuple(image_shape)
    im_mask = torch.zeros(size, dtype=mask.dtype, device=mask.device)
    for m, b, im in zip(mask, box, im_mask):
        b = b.tolist()
        w = max(b[2] - b[0], 1)
        h = max(b[3] - b[1], 1)

        m = F.interpolate(m[None, None], size=(h, w), mode='bilinear', align_corners=False)[0][0]

        x1 = max(b[0], 0)
        y1 = max(b[1], 0)
        x2 = min(b[2], image_shape[1])
        y2 = min(b[3], image_shape[0])

        im[y1:y2, x1:x2] = m[(y1 - b[1]):(y2 - b[1]), (x1 - b[0]):(x2 - b[0])]  # expect: GG003  # raises: RuntimeError: This view is the output of a function that returns multiple views
    return im_mask


mask_logits = torch.randn(2, 7, 7, requires_grad=True)  # mask head output (model not run under no_grad)
masks = mask_logits.sigmoid()
boxes = torch.tensor([[2, 3, 10, 12], [0, 0, 6, 5]])
pasted = paste_masks_in_image(masks, boxes, (16, 16))
