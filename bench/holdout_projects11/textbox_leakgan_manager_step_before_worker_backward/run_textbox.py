# case: TextBox (run_textbox.py -> textbox/quick_start.py -> `get_model`/`get_trainer` in textbox/utils.py, which import textbox.model.GAN.leakgan and textbox.trainer by the model name): LeakGAN generator pretraining returns the (manager_loss, worker_loss) pair; `LeakGANTrainer._optimize_step` in textbox/trainer/trainer.py backpropagates the manager loss and calls `o.step()` on the manager optimizer before the worker loss is backpropagated, but the worker's logits are computed from the manager's goal vectors (mana2goal, manager LSTM in textbox/module/Generator/LeakGANGenerator.py), whose weights the step rewrote
# source: https://github.com/RUCAIBox/TextBox/pull/105
import argparse

from textbox.quick_start import run_textbox

if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--model', '-m', type=str, default='RNN', help='name of models')
    parser.add_argument('--dataset', '-d', type=str, default='COCO', help='name of datasets')
    parser.add_argument('--task_type', '-t', type=str, default='unconditional', help='name of tasks')
    parser.add_argument('--config_files', type=str, default=None, help='config files')

    args, _ = parser.parse_known_args(['--model=LeakGAN', '--dataset=COCO'])

    config_file_list = args.config_files.strip().split(' ') if args.config_files else None
    run_textbox(
        model=args.model,
        dataset=args.dataset,
        config_file_list=config_file_list,
        config_dict={'task_type': args.task_type.strip()}
    )
