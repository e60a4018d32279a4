import torch


def create_target_torch(
    all_anchors,
    anchors_mask,
    gt_boxes,
    gt_classes,
    similarity_fn,
    box_encoding_fn,
    matched_threshold=0.6,
    unmatched_threshold=1.2,
    box_code_size=7,
):
    """Assign each anchor to its most similar ground-truth box and encode the regression target.

    `similarity_fn` returns a distance here (a stand-in for the rotated-IoU similarity): anchors nearer than
    `matched_threshold` are positive, farther than `unmatched_threshold` negative, the rest ignored (-1).
    """
    num_anchors = all_anchors.shape[0]
    distance = similarity_fn(all_anchors, gt_boxes)
    anchor_to_gt_dist, anchor_to_gt_argmax = distance.min(dim=1)

    labels = torch.full((num_anchors,), -1, dtype=torch.long)
    labels[anchor_to_gt_dist > unmatched_threshold] = 0
    pos = anchor_to_gt_dist < matched_threshold
    labels[pos] = gt_classes[anchor_to_gt_argmax[pos]]
    if anchors_mask is not None:
        labels[~anchors_mask] = -1

    bbox_targets = box_encoding_fn(gt_boxes[anchor_to_gt_argmax], all_anchors)
    bbox_targets[labels <= 0] = 0
    return labels, bbox_targets.reshape(num_anchors, box_code_size), anchor_to_gt_dist


def center_distance(anchors, gt_boxes):
    return torch.cdist(anchors[:, :2].detach(), gt_boxes[:, :2])
