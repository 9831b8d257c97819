#!/usr/bin/env node
// Part of the build: compiles the shipped course (src/lessons/content) into dist/src/lessons/course.json,
// so the tutor's home screen does not load and parse YAML before its first frame.
import { compileCourse, compiledCourseFile } from '../dist/src/lessons/loader.js';

if (!(await compileCourse())) console.error(`compile-course: the course did not compile; ${compiledCourseFile} not written (lessons load from YAML)`);
