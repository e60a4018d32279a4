# case: FUNIT discriminator: an ActFirstResBlock with a learned shortcut runs the 1x1 conv on ZeroPad2d(0)(x) and then LeakyReLU(0.2, inplace=True) on the same x; the reported ConstantPadNdBackward error does not reproduce on torch 2.13 because the zero pad returns a copy, so the hinge + R1 discriminator update runs cleanly
# source: https://github.com/NVlabs/FUNIT/issues/23
import torch

from funit.networks import GPPatchMcResDis

torch.manual_seed(0)
dis = GPPatchMcResDis(nf=8, n_res_blks=2, num_classes=4)
opt = torch.optim.RMSprop(dis.parameters(), lr=1e-4)


def compute_grad2(d_out, x_in):
    batch_size = x_in.size(0)
    grad_dout = torch.autograd.grad(outputs=d_out.mean(), inputs=x_in, create_graph=True, retain_graph=True,
                                    only_inputs=True)[0]
    grad_dout2 = grad_dout.pow(2)
    return grad_dout2.view(batch_size, -1).sum(1)


xb = torch.randn(2, 3, 8, 8)
lb = torch.tensor([1, 3])
xt = torch.randn(2, 3, 8, 8)
for step in range(1):
    opt.zero_grad()
    xb.requires_grad_()
    resp_r, gan_feat_r = dis(xb, lb)
    loss_real = torch.nn.ReLU()(1.0 - resp_r).mean()
    loss_reg = 10 * compute_grad2(resp_r, xb).mean()
    resp_f, gan_feat_f = dis(xt, lb)
    loss_fake = torch.nn.ReLU()(1.0 + resp_f).mean()
    loss = loss_real + loss_fake + loss_reg
    loss.backward()
    opt.step()
print("loss", loss.item())
