// A models file that leaves a timer running (as an app module starting a pool would), and registers no model.
setInterval(() => {}, 1000);
