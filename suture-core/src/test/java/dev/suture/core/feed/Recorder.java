package dev.suture.core.feed;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps everything it is given, for assertions. */
class Recorder<T> implements FeedSink<T> {
  final List<T> items = new ArrayList<>();
  final List<FeedProblem> problems = new ArrayList<>();
  final List<FeedProgress> progress = new ArrayList<>();

  @Override
  public void accept(T item) { items.add(item); }

  @Override
  public void problem(FeedProblem p) { problems.add(p); }

  @Override
  public void progress(FeedProgress p) { progress.add(p); }

  FeedProgress last() { return progress.get(progress.size() - 1); }
}
