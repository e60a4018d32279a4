# case: the same tree with the config naming PillarFeatureNet: its features *= mask writes the torch.cat of the point decorations before any layer reads them, and the PFN layers end in a max with no masked write
# source: https://github.com/dd-iuonac/object-detector-in-carla/issues/61
# pythonpath: .
import torch

from second.configs import car as config
from second.data.synthetic import VoxelGenerator, random_example
from second.pytorch.builder import second_builder


def train(cfg):
    torch.manual_seed(0)
    vg_cfg = cfg.voxel_generator
    voxel_generator = VoxelGenerator(
        vg_cfg["voxel_size"], vg_cfg["point_cloud_range"], vg_cfg["max_number_of_points_per_voxel"]
    )
    net = second_builder.build(cfg.model, voxel_generator)
    net.train()
    optimizer = torch.optim.Adam(net.parameters(), lr=2e-4)
    reader = cfg.train_input_reader
    for step in range(reader["steps"]):
        example = random_example(voxel_generator, reader["batch_size"], reader["max_num_voxels"], seed=step)
        ret_dict = net(example)
        loss = ret_dict["loss"]
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        print(f"step={step} loss={loss.item():.4f} cls={ret_dict['cls_loss'].item():.4f}")


if __name__ == "__main__":
    train(config)
